/**
 * The audited hash and base58 code the address checks stand on:
 * `@noble/hashes` (SHA-256, Keccak-256) and `@scure/base` (base58), both by
 * Paul Miller, audited, no dependencies.
 *
 * Both ship as ES modules only, and this package compiles to CommonJS, where
 * TypeScript's Node16 mode refuses a static import of an ES module. So they
 * are `require`d with a literal name: Node (>= 20.19, our `engines` floor)
 * loads an ES module through `require()`, and bundlers (Vite, webpack,
 * esbuild) follow a literal `require()` into the browser bundle. The types
 * are the packages' own. Jest's CommonJS registry refuses ES modules, so
 * jest.config.js maps these names to scripts/jest/esm-only.js, which loads
 * them with Node's own loader.
 *
 * Internal: not exported from any entry point.
 */
type Sha2 = typeof import("@noble/hashes/sha2.js", { with: { "resolution-mode": "import" } })
type Sha3 = typeof import("@noble/hashes/sha3.js", { with: { "resolution-mode": "import" } })
type ScureBase = typeof import("@scure/base", { with: { "resolution-mode": "import" } })

export const { sha256 } = require("@noble/hashes/sha2.js") as Sha2
export const { keccak_256 } = require("@noble/hashes/sha3.js") as Sha3
export const { base58 } = require("@scure/base") as ScureBase
