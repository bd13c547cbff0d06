import { ConfigError, loadConfig } from "./config/load-config.ts";
import { startServer } from "./start-server.ts";

// The entry point of `npm start`: validate the environment, start, print what a newcomer needs.
try {
  const config = loadConfig();
  const server = await startServer(config);
  const lines = [
    "",
    `Enclave POS is running at ${server.url}`,
    `  API docs:     ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`,
    `  Database:     ${server.db.engine === "pglite" ? `embedded PostgreSQL in ${config.dataDir}/pgdata` : "PostgreSQL server (DATABASE_URL)"}`,
  ];
  if (server.caPath) {
    lines.push(
      `  Local CA:     ${server.caPath}`,
      `  CA SHA-256:   ${server.caFingerprint}`,
      "                install this CA on a phone or tablet to trust the server on your network",
    );
  }
  if (server.demoApiKey) {
    lines.push(
      "",
      "A demo merchant (Demo Café) was created. Its test-mode API key — shown this once, stored only as a hash:",
      `  ${server.demoApiKey}`,
      `Try: npm run cli -- demo sale --url ${server.url} --key ${server.demoApiKey}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
  const shutdown = async (signal: string) => {
    process.stdout.write(`\n${signal}: stopping…\n`);
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
