/**
 * @noble/hashes 2 and @scure/base 2 ship as ES modules only. Node >= 20.19
 * (our `engines` floor) can `require()` them, but TypeScript's Node16 CommonJS
 * mode refuses a static import of an ES module, and Jest's module registry
 * cannot load one. So we ask Node's own loader (`process.getBuiltinModule`
 * bypasses Jest's wrapped `module`), and keep the types from the packages.
 */
type NodeModuleApi = typeof import("node:module")
type Sha2 = typeof import("@noble/hashes/sha2.js", { with: { "resolution-mode": "import" } })
type Sha3 = typeof import("@noble/hashes/sha3.js", { with: { "resolution-mode": "import" } })
type ScureBase = typeof import("@scure/base", { with: { "resolution-mode": "import" } })

function nodeRequire(): NodeRequire {
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule
  const mod = (getBuiltin ? getBuiltin("node:module") : require("node:module")) as NodeModuleApi
  return mod.createRequire(__filename)
}

const load = nodeRequire()

export const { sha256 } = load("@noble/hashes/sha2.js") as Sha2
export const { keccak_256 } = load("@noble/hashes/sha3.js") as Sha3
export const { base58 } = load("@scure/base") as ScureBase
