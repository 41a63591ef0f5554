// Suites are picked by TEST_TYPE (set by scripts/test.mjs):
//   unit              src/**/__tests__/*.unit.spec.ts(x) and packages/*/src/**   no database, nock for HTTP;
//                     the storefront's tests run twice, on React 18 and on React 19
//   packaging         integration-tests/packaging/*.spec.ts  the packed tarballs, a fresh React 19 app
//   integration:http  integration-tests/http/*.spec.ts     a real Medusa on a real PostgreSQL
//   e2e               integration-tests/e2e/*.spec.ts      the demo store in headless Chromium
//   starter           integration-tests/starter/*.spec.ts  Medusa's Next.js starter with the README's guide applied, in Chromium
//   cluster           integration-tests/cluster/*.spec.ts  the packed plugin as 2 servers + 1 worker on Redis
//   chaos             integration-tests/cluster/*.chaos.ts npm run chaos (the long run; never part of `npm test`)
//   bench             integration-tests/bench/*.bench.ts   npm run bench (reports, no assertions on time)
const swc = (tsx) => [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true, tsx },
      transform: { react: { runtime: "automatic" } },
      target: "es2021",
    },
  },
]

const config = {
  transform: {
    "^.+\\.tsx$": swc(true),
    "^.+\\.[jt]s$": swc(false),
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.demo/"],
  // The workspace packages are tested from their sources (no build needed).
  moduleNameMapper: {
    "^medusa-payment-3pay-(client|emulator|storefront)$": "<rootDir>/packages/$1/src",
    "^medusa-payment-3pay-(client|emulator|storefront)/(.*)$": "<rootDir>/packages/$1/src/$2",
    // ES-module-only packages the client requires (packages/client/src/crypto-libs.ts):
    // Jest's CommonJS registry refuses them, Node's own loader takes them.
    "^@noble/hashes/(sha2|sha3)\\.js$": "<rootDir>/scripts/jest/esm-only.js",
    "^@scure/base$": "<rootDir>/scripts/jest/esm-only.js",
  },
  setupFiles: ["./integration-tests/setup.js"],
}

switch (process.env.TEST_TYPE) {
  case "integration:http":
    config.testMatch = ["<rootDir>/integration-tests/http/*.spec.[jt]s"]
    config.testTimeout = 180_000
    break
  case "e2e":
    config.testMatch = ["<rootDir>/integration-tests/e2e/*.spec.[jt]s"]
    config.testTimeout = 600_000
    break
  case "starter":
    config.testMatch = ["<rootDir>/integration-tests/starter/*.spec.[jt]s"]
    config.testTimeout = 600_000
    break
  case "cluster":
    config.testMatch = ["<rootDir>/integration-tests/cluster/*.spec.[jt]s"]
    config.testTimeout = 900_000
    break
  case "chaos":
    // `npm run chaos`: the long seeded chaos run; writes bench/chaos-report.md.
    config.testMatch = ["<rootDir>/integration-tests/cluster/*.chaos.[jt]s"]
    config.testTimeout = 4 * 60 * 60_000
    break
  case "bench":
    // `npm run bench`: measurements, not tests; never part of `npm test`.
    config.testMatch = ["<rootDir>/integration-tests/bench/*.bench.[jt]s"]
    config.testTimeout = 1_800_000
    break
  case "packaging":
    config.testMatch = ["<rootDir>/integration-tests/packaging/*.spec.[jt]s"]
    config.testTimeout = 600_000
    break
  default: {
    // React comes from one place per run, whoever asks for it: the repository's
    // React 18 (the Medusa admin's), or the storefront package's own dev
    // dependency React 19 (packages/storefront/node_modules).
    const react = (dir) => ({
      "^react$": `${dir}/react`,
      "^react/(.*)$": `${dir}/react/$1`,
      "^react-dom$": `${dir}/react-dom`,
      "^react-dom/(.*)$": `${dir}/react-dom/$1`,
    })
    const unit = (displayName, testMatch, reactDir, reactMajor) => ({
      ...config,
      rootDir: __dirname,
      displayName,
      testMatch,
      moduleNameMapper: { ...config.moduleNameMapper, ...react(reactDir) },
      // Checked by packages/storefront/src/__tests__/react-version.unit.spec.tsx.
      globals: { EXPECTED_REACT_MAJOR: reactMajor },
    })
    const storefront = "<rootDir>/packages/storefront/src/**/__tests__/**/*.unit.spec.[jt]s?(x)"
    config.projects = [
      unit(
        "unit",
        ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s?(x)", "<rootDir>/packages/*/src/**/__tests__/**/*.unit.spec.[jt]s?(x)"],
        "<rootDir>/node_modules",
        "18"
      ),
      unit("storefront on React 19", [storefront], "<rootDir>/packages/storefront/node_modules", "19"),
    ]
  }
}

module.exports = config
