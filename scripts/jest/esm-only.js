/**
 * @noble/hashes 2 and @scure/base 2 are ES modules only. Node (>= 20.19)
 * `require()`s them and bundlers bundle them, but Jest's CommonJS registry
 * refuses them ("Must use import to load ES Module"). jest.config.js maps
 * their names here; Node's own loader (process.getBuiltinModule bypasses the
 * `module` Jest wraps) loads them. Only the names packages/client/src/crypto-libs.ts
 * requires are mapped.
 */
const load = process.getBuiltinModule("node:module").createRequire(__filename)

module.exports = {
  ...load("@noble/hashes/sha2.js"),
  ...load("@noble/hashes/sha3.js"),
  ...load("@scure/base"),
}
