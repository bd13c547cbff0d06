export { type AppDeps, buildApp } from "./app.ts";
export { CONFIG_DOCS, type Config, ConfigError, loadConfig } from "./config/load-config.ts";
export { type Onboarded, type OnboardInput, onboardMerchant } from "./flows/onboard-merchant.ts";
export { DEMO_CATALOG, seedDemo } from "./flows/seed-demo.ts";
export { type RunningServer, startServer } from "./start-server.ts";
