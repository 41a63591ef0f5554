import Medusa from "@medusajs/js-sdk"
import { createRoot } from "react-dom/client"
import { App } from "./app"
import { demoConfig } from "./config"
import "./styles.css"

const config = demoConfig()
// A storefront's usual js-sdk client: the store API with a publishable key.
const sdk = new Medusa({ baseUrl: config.backendUrl, publishableKey: config.publishableKey })

createRoot(document.getElementById("root")!).render(<App sdk={sdk} config={config} />)
