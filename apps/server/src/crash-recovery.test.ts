import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { verifyAudit } from "@enclave/audit";
import { openPglite } from "@enclave/db";

// A real server process is killed (SIGKILL) in the middle of a card authorization, between its
// two transactions. After a restart nothing is half done: the payment is reversed, the order is
// unpaid, the audit trail verifies, and the cashier can retry with the same Idempotency-Key.

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function startServer(dataDir: string, port: number): Promise<{ child: ChildProcess; key: string | undefined }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    HTTP_INSECURE: "true",
    LOG_LEVEL: "warn",
    TEST_PROCESSOR_LATENCY_MS: "1500",
    STUCK_PAYMENT_SECONDS: "1",
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(import.meta.dirname, "main.ts")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Enclave POS is running")) {
        setTimeout(() => {
          clearTimeout(timer);
          resolve({ child, key: /^\s+(sk_test_\w+)$/m.exec(out)?.[1] });
        }, 100);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

describe("a server killed mid-request leaves no half payment", () => {
  const children: ChildProcess[] = [];
  let dir = "";
  after(async () => {
    for (const c of children) c.kill("SIGKILL");
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reverses the interrupted authorization on restart and lets the cashier retry", async () => {
    dir = await mkdtemp(join(tmpdir(), "enclave-crash-"));
    const port = await freePort();
    const first = await startServer(dir, port);
    children.push(first.child);
    assert.ok(first.key, "the demo key is printed at first start");
    const base = `http://127.0.0.1:${port}`;
    const headers = (idem: string) => ({
      authorization: `Bearer ${first.key}`,
      "content-type": "application/json",
      "idempotency-key": idem,
    });
    const get = async (path: string) =>
      (await fetch(base + path, { headers: { authorization: `Bearer ${first.key}` } })).json();
    const loc = (await get("/v1/locations")).data[0].id;
    const terminal = (await get("/v1/terminals")).data[0].id;
    const item = (await get("/v1/catalog_items")).data[0].id;
    const order = await (
      await fetch(`${base}/v1/orders`, {
        method: "POST",
        headers: headers("o-1"),
        body: JSON.stringify({ location: loc, lines: [{ catalog_item: item, quantity: 1 }] }),
      })
    ).json();
    const body = JSON.stringify({
      terminal,
      order: order.id,
      payment_method_type: "card_present",
      confirm: true,
      payment_method: {
        type: "card_present",
        card_present: { type: "test_card", test_card: "visa", entry_mode: "chip" },
      },
    });
    const pending = fetch(`${base}/v1/payments`, { method: "POST", headers: headers("pay-1"), body }).catch(
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 700)); // inside the 1.5 s authorization
    first.child.kill("SIGKILL");
    assert.ok((await pending) instanceof Error, "the client saw the connection die");

    const second = await startServer(dir, port);
    children.push(second.child);
    const payments = (await get("/v1/payments")).data;
    assert.equal(payments.length, 1);
    assert.equal(payments[0].status, "requires_payment_method", "reversed, not left processing");
    assert.equal(payments[0].last_payment_error.code, "authorization_unknown_reversed");
    assert.equal((await get(`/v1/orders/${order.id}`)).status, "open");
    const events = (await get("/v1/events?limit=100")).data.map((e: { type: string }) => e.type);
    assert.ok(events.includes("payment.reversed"));

    // The same key again: the first attempt saved nothing, so this one runs and succeeds.
    const retry = await (
      await fetch(`${base}/v1/payments`, { method: "POST", headers: headers("pay-1"), body })
    ).json();
    assert.equal(retry.status, "succeeded", JSON.stringify(retry));
    assert.equal((await get(`/v1/orders/${order.id}`)).status, "paid");
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));

    const db = await openPglite(join(dir, "pgdata"));
    try {
      const verified = await verifyAudit(db, { publicKeys: [] });
      assert.equal(verified.ok, true, JSON.stringify(verified));
      const succeeded = await db.query<{ n: number }>(
        "SELECT count(*)::int8 AS n FROM payments WHERE status = 'succeeded'",
      );
      assert.equal(succeeded.rows[0]?.n, 1, "exactly one charge");
    } finally {
      await db.close();
    }
  });
});
