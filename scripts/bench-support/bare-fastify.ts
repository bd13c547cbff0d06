import { readFileSync } from "node:fs";
import Fastify from "fastify";

/**
 * The peer for the ceiling measurement: the same framework, the same TLS certificate and the
 * same loopback, but one JSON route and nothing else (no auth, hooks, schemas, logging). What
 * the product's /healthz loses against this is the cost of its global plumbing.
 */
const port = Number(process.env.PORT);
const app = Fastify({
  logger: false,
  https: { key: readFileSync(String(process.env.TLS_KEY)), cert: readFileSync(String(process.env.TLS_CERT)) },
});
app.get("/", async () => ({ status: "ok" }));
await app.listen({ port, host: "127.0.0.1" });
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
