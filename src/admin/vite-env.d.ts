/// <reference types="vite/client" />
// Defined by Medusa's admin bundler at build time.
declare const __BACKEND_URL__: string | undefined
