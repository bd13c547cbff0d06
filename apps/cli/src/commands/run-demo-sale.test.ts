import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig, type RunningServer, startServer } from "@enclave/server";
import type { CommandIo } from "../command.ts";
import { createApiKeyCommand } from "./create-api-key.ts";
import { createAuditCheckpointCommand } from "./create-audit-checkpoint.ts";
import { createMerchantCommand } from "./create-merchant.ts";
import { runDemoSale } from "./run-demo-sale.ts";
import { verifyAuditTrailCommand } from "./verify-audit-trail.ts";

// Named *.test.ts, not *.storage.test.ts: it needs its own empty database (the server seeds the
// demo merchant only into an empty one, and the test tampers with the audit trail), so it always
// runs on PGlite in a temporary DATA_DIR — the env below deliberately has no DATABASE_URL.
describe("operator CLI against a real server (HTTPS with the local CA)", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let server: RunningServer;
  let io: CommandIo;
  let ca: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "enclave-cli-"));
    env = { DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", AUDIT_CHECKPOINT_SECONDS: "1" };
    server = await startServer(loadConfig(env));
    assert.ok(server.caPath, "the server generated a local CA");
    ca = await readFile(server.caPath, "utf8");
    // PGlite is one process per directory: the commands share the server's open database.
    io = { env, db: server.db };
  });
  after(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("runs a whole sale through the API and reports the final state", async () => {
    assert.ok(server.demoApiKey);
    const result = await runDemoSale({ url: server.url, key: server.demoApiKey, ca });
    // Espresso ×2 + Cappuccino + Croissant = 1375; tax 8.25 % per line 50 + 37 + 27 = 114; tip 100.
    // By SKU: beans ×2 (2800, untaxed) + cappuccino 450 (+37 tax) + croissant 325 (+27) + 100 tip.
    assert.equal(result.order.total, 3739);
    assert.equal(result.order.paid, 3739);
    assert.equal(result.payment.status, "succeeded");
    assert.equal(result.payment.captured, 3739);
    // One bag of beans back (line li_1, no tax on it).
    assert.equal(result.refund.status, "succeeded");
    assert.equal(result.refund.amount, 1400);
    assert.equal(result.payment.refunded, 1400);
    assert.equal(result.order.refunded, 1400);
    // A partial refund leaves the order paid; only the refunded amount moves.
    assert.equal(result.order.status, "paid");
    assert.deepEqual(result.payment.card, { brand: "visa", last4: "4242" });
    assert.equal(result.steps.length, 10);
    const printed = JSON.stringify(result);
    assert.ok(!printed.includes(server.demoApiKey), "the API key is never in the output");
  });

  it("refuses a plain-HTTP URL, a live key and a server it cannot authenticate", async () => {
    const key = server.demoApiKey ?? "";
    await assert.rejects(runDemoSale({ url: server.url.replace("https", "http"), key, ca }), /refusing http:/);
    await assert.rejects(runDemoSale({ url: server.url, key: "sk_live_abc", ca }), /test-mode/);
    // Without the local CA the certificate is not trusted, and the check is never switched off.
    await assert.rejects(runDemoSale({ url: server.url, key }), /cannot reach/);
    await assert.rejects(runDemoSale({ url: server.url, key: `sk_test_${"A".repeat(32)}`, ca }), /HTTP 401/);
  });

  it("creates a merchant and another API key, secrets shown once", async () => {
    const made = await createMerchantCommand.run(
      { name: "Corner Shop", country: "US", currency: "USD", timezone: "America/New_York", live: false },
      io,
    );
    const merchant = made.json.merchant as string;
    assert.match(merchant, /^mer_/);
    assert.match((made.json.api_key as { secret: string }).secret, /^sk_test_/);
    assert.match(made.lines.join("\n"), /cannot be shown again/);

    const key = await createApiKeyCommand.run({ merchant, live: true, name: "Till 2" }, io);
    assert.match((key.json.api_key as { secret: string }).secret, /^sk_live_/);
    const audited = await server.db.query<{ actor_id: string }>(
      "SELECT actor_id FROM audit_entries WHERE action = 'api_key.created' AND merchant_id = $1",
      [merchant],
    );
    assert.equal(audited.rows.length, 2);
    assert.ok(audited.rows.every((r) => r.actor_id.startsWith("cli:")));
    await assert.rejects(createApiKeyCommand.run({ merchant: "mer_nope" }, io), /no merchant mer_nope/);
  });

  it("audit verify passes, then names the entry a DBA edited by hand", async () => {
    const checkpoint = await createAuditCheckpointCommand.run({}, io);
    assert.match(checkpoint.json.id as string, /^acp_/);
    const good = await verifyAuditTrailCommand.run({}, io);
    assert.equal(good.ok, true, good.lines.join("\n"));
    assert.equal(good.json.key_source, "local-key-file");
    assert.ok((good.json.checkpoints as number) >= 1);

    // The append-only trigger is ENABLE ALWAYS (session_replication_role cannot skip it); an
    // owner can still disable it, which is exactly the tampering verification must catch.
    const victim = (
      await server.db.query<{ id: string; lane: number; seq: number }>(
        "SELECT id, lane, seq FROM audit_entries WHERE action = 'payment.authorized' LIMIT 1",
      )
    ).rows[0];
    assert.ok(victim);
    await server.db.query("ALTER TABLE audit_entries DISABLE TRIGGER USER");
    await server.db.query(
      `UPDATE audit_entries SET body = replace(body, '"outcome":"success"', '"outcome":"failure"') WHERE id = $1`,
      [victim.id],
    );
    await server.db.query("ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only");

    const bad = await verifyAuditTrailCommand.run({}, io);
    assert.equal(bad.ok, false);
    const first = bad.json.first_bad as { entry_id: string; lane: number; seq: number; reason: string };
    assert.equal(first.entry_id, victim.id);
    assert.equal(first.lane, victim.lane);
    assert.equal(first.seq, victim.seq);
    assert.equal(first.reason, "hash_mismatch");
    assert.match(bad.lines.join("\n"), new RegExp(`first bad: entry ${victim.id}`));
  });
});
