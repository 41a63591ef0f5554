/** What the demo's static server puts in /config.js. */
export type DemoConfig = {
  backendUrl: string
  publishableKey: string
  adminUrl: string
  emulatorUrl: string
}

declare global {
  interface Window {
    DEMO_CONFIG?: DemoConfig
  }
}

export function demoConfig(): DemoConfig {
  if (!window.DEMO_CONFIG) throw new Error("config.js did not load: start the page with `npm run demo`")
  return window.DEMO_CONFIG
}
