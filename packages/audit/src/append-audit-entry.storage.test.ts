import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { type Database, openTestDatabase } from "@enclave/db";
import { appendAuditEntry } from "./append-audit-entry.ts";
import { AUDIT_GENESIS_HASH, hashAuditEntry } from "./hash-audit-entry.ts";
import { sampleEntry } from "./testing.ts";
import { toBuffer } from "./to-buffer.ts";

const engine = process.env.DATABASE_URL ? "the PostgreSQL server" : "PGlite";
const pans = JSON.parse(readFileSync(new URL("./fixtures/test-pans.json", import.meta.url), "utf8")) as {
  cases: Array<{ id: string; pan: string; luhnValid: boolean }>;
};

describe(`appendAuditEntry on ${engine}`, () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db.close());

  const heads = async () =>
    (await db.query<{ lane: number; seq: number }>("SELECT lane, seq FROM audit_lanes ORDER BY lane")).rows;
  const count = async () => (await db.query<{ n: number }>("SELECT count(*)::int8 AS n FROM audit_entries")).rows[0]?.n;

  it("stores the canonical body and the database computes the same chain hash as the verifier", async () => {
    const appended = await db.transaction((tx) => appendAuditEntry(tx, sampleEntry()));
    const row = (
      await db.query<{ body: string; prev_hash: unknown; hash: unknown; created_at: Date; merchant_id: string }>(
        "SELECT body, prev_hash, hash, created_at, merchant_id FROM audit_entries WHERE id = $1",
        [appended.id],
      )
    ).rows[0];
    assert.ok(row);
    assert.equal(appended.seq, 1);
    assert.ok(toBuffer(row.prev_hash).equals(AUDIT_GENESIS_HASH));
    const expected = hashAuditEntry({ prevHash: AUDIT_GENESIS_HASH, lane: appended.lane, seq: 1, body: row.body });
    assert.equal(toBuffer(row.hash).toString("hex"), expected.toString("hex"));
    assert.equal(appended.hash, expected.toString("hex"));
    assert.equal(row.created_at.toISOString(), appended.time.toISOString());
    assert.equal(row.merchant_id, "mer_1");
    assert.deepEqual(JSON.parse(row.body), {
      v: 1,
      id: appended.id,
      time: appended.time.toISOString(),
      merchant_id: "mer_1",
      actor: { type: "api_key", id: "key_1" },
      action: "payment.captured",
      outcome: "success",
      origin: { ip: "203.0.113.7", request_id: "req_1", user_agent: "enclave-terminal/1.0" },
      resource: { type: "payment", id: "pay_1" },
      details: { amount: 1250, currency: "EUR" },
    });
  });

  it("keeps one lane per transaction, with consecutive seqs chained to each other", async () => {
    const entries = await db.transaction(async (tx) => {
      const out = [];
      for (let i = 0; i < 4; i++) out.push(await appendAuditEntry(tx, sampleEntry({ merchantId: null })));
      return out;
    });
    assert.equal(new Set(entries.map((e) => e.lane)).size, 1);
    for (let i = 1; i < entries.length; i++) assert.equal(entries[i]?.seq, (entries[i - 1]?.seq ?? 0) + 1);
    const rows = (
      await db.query<{ prev_hash: unknown; hash: unknown }>(
        "SELECT prev_hash, hash FROM audit_entries WHERE lane = $1 ORDER BY seq",
        [entries[0]?.lane],
      )
    ).rows;
    for (let i = 1; i < rows.length; i++)
      assert.ok(toBuffer(rows[i]?.prev_hash).equals(toBuffer(rows[i - 1]?.hash)), "each entry links to the one before");
    const lane = (await heads()).find((h) => h.lane === entries[0]?.lane);
    assert.equal(lane?.seq, entries.at(-1)?.seq);
  });

  it("commits with the caller's transaction or not at all", async () => {
    const before = { entries: await count(), heads: await heads() };
    await assert.rejects(
      db.transaction(async (tx) => {
        await appendAuditEntry(tx, sampleEntry());
        throw new Error("the payment failed after the audit entry was written");
      }),
      /payment failed/,
    );
    assert.equal(await count(), before.entries);
    assert.deepEqual(await heads(), before.heads);
  });

  it("accepts the database itself for a one-off entry outside a transaction", async () => {
    const a = await appendAuditEntry(db, sampleEntry({ merchantId: null, actor: { type: "system", id: "cron" } }));
    const b = await appendAuditEntry(db, sampleEntry({ merchantId: null, actor: { type: "system", id: "cron" } }));
    assert.ok(a.seq >= 1 && b.seq >= 1);
  });

  it("cuts a long user agent instead of failing the business transaction", async () => {
    const e = await appendAuditEntry(db, sampleEntry({ origin: { userAgent: "x".repeat(5000) } }));
    const body = (await db.query<{ body: string }>("SELECT body FROM audit_entries WHERE id = $1", [e.id])).rows[0];
    assert.equal(JSON.parse(body?.body ?? "{}").origin.user_agent.length, 256);
  });

  const refused: Array<[string, Record<string, unknown>]> = [
    ["a malformed action", { action: "Payment Captured" }],
    ["an unknown actor type", { actor: { type: "root", id: "x" } }],
    ["an unknown outcome", { outcome: "maybe" }],
    ["an unknown field", { password: "hunter2" }],
    ["an id with spaces", { resource: { type: "payment", id: "pay 1" } }],
    ["a bad ip", { origin: { ip: "999.1.1.1" } }],
    ["a secret-looking detail key", { details: { client_secret: "x" } }],
    ["a cvv detail", { details: { cvv: "123" } }],
    ["details nested too deep", { details: { a: { b: { c: { d: { e: 1 } } } } } }],
    [
      "details too large",
      {
        details: {
          note: "x".repeat(1000),
          more: "y".repeat(1000),
          again: "z".repeat(1000),
          last: "w".repeat(1000),
          end: "v".repeat(500),
        },
      },
    ],
    ["a non-finite number", { details: { n: Number.NaN } }],
    ["a non-JSON detail", { details: { when: new Date() } }],
    ["a card number in the user agent", { origin: { userAgent: "Mozilla 4111 1111 1111 1111" } }],
  ];
  for (const [what, override] of refused) {
    it(`refuses ${what} with ENTRY_INVALID and writes nothing`, async () => {
      const before = await count();
      await assert.rejects(
        db.transaction((tx) => appendAuditEntry(tx, { ...sampleEntry(), ...override } as never)),
        { name: "AuditError", code: "ENTRY_INVALID" },
      );
      assert.equal(await count(), before);
    });
  }

  it("refuses every published test card number in details, and says where without echoing it", async () => {
    for (const c of pans.cases.filter((p) => p.luhnValid)) {
      await assert.rejects(
        appendAuditEntry(db, sampleEntry({ details: { note: `paid with ${c.pan}` } })),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, "ENTRY_INVALID");
          assert.match(error.message, /details\.note looks like a card number/);
          assert.ok(!error.message.includes(c.pan), "the message must not carry the PAN");
          return true;
        },
        c.id,
      );
      await assert.rejects(appendAuditEntry(db, sampleEntry({ details: { n: Number(c.pan) } })), {
        code: "ENTRY_INVALID",
      });
    }
  });
});
