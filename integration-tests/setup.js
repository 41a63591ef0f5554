// Medusa's test runner boots a whole app per spec file; MikroORM keeps model
// metadata in a global store that must start empty for each file.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()
