#!/usr/bin/env node
// Runs the local 3PAY emulator (see ../README.md). In this repository, build
// it first: `npm run build -w packages/emulator` writes dist/.
"use strict"
const fs = require("node:fs")
const path = require("node:path")

const cli = path.join(__dirname, "..", "dist", "cli.js")
if (!fs.existsSync(cli)) {
  console.error(
    "medusa-payment-3pay-emulator: the compiled emulator was not found at\n" +
      "  " + cli + "\n" +
      "Run `npm run build` in packages/emulator first, then start it again."
  )
  process.exit(1)
}
require(cli)
  .main(process.argv.slice(2))
  .catch((e) => {
    console.error(e && e.message ? e.message : e)
    process.exit(1)
  })
