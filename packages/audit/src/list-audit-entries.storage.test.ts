import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Database, openTestDatabase } from "@enclave/db";
import { appendAuditEntry } from "./append-audit-entry.ts";
import { listAuditEntries } from "./list-audit-entries.ts";
import { sampleEntry } from "./testing.ts";

const engine = process.env.DATABASE_URL ? "the PostgreSQL server" : "PGlite";

describe(`listAuditEntries on ${engine}`, () => {
  let db: Database;
  const mine: string[] = [];
  before(async () => {
    db = await openTestDatabase();
    for (let i = 0; i < 7; i++) {
      const e = await db.transaction((tx) =>
        appendAuditEntry(
          tx,
          sampleEntry({
            merchantId: "mer_a",
            action: i % 2 === 0 ? "payment.captured" : "refund.created",
            resource: { type: "payment", id: i < 3 ? "pay_x" : `pay_${i}` },
          }),
        ),
      );
      mine.push(e.id);
      await appendAuditEntry(db, sampleEntry({ merchantId: "mer_b", resource: { type: "payment", id: "pay_x" } }));
    }
    await appendAuditEntry(db, sampleEntry({ merchantId: null, actor: { type: "operator", id: "op_1" } }));
  });
  after(() => db.close());

  it("pages through one merchant's entries, newest first, and never shows another's", async () => {
    const seen: string[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const page = await listAuditEntries(db, { merchantId: "mer_a", limit: 3, startingAfter });
      assert.ok(page.data.every((e) => e.merchantId === "mer_a"));
      seen.push(...page.data.map((e) => e.id));
      if (!page.hasMore) break;
      startingAfter = page.data.at(-1)?.id;
    }
    assert.deepEqual(seen, [...mine].reverse());
  });

  it("returns the entry as it was hashed, in camelCase", async () => {
    const [e] = (await listAuditEntries(db, { merchantId: "mer_a", limit: 1 })).data;
    assert.ok(e);
    assert.equal(e.id, mine.at(-1));
    assert.deepEqual(e.origin, { ip: "203.0.113.7", requestId: "req_1", userAgent: "enclave-terminal/1.0" });
    assert.deepEqual(e.details, { amount: 1250, currency: "EUR" });
    assert.ok(e.time instanceof Date);
    assert.match(e.hash, /^[0-9a-f]{64}$/);
    assert.ok(e.seq >= 1);
  });

  it("filters by resource and by action, still within the tenant", async () => {
    const byResource = await listAuditEntries(db, { merchantId: "mer_a", resourceId: "pay_x", limit: 100 });
    assert.deepEqual(
      byResource.data.map((e) => e.id),
      mine.slice(0, 3).reverse(),
    );
    const byAction = await listAuditEntries(db, { merchantId: "mer_a", action: "refund.created", limit: 100 });
    assert.equal(byAction.data.length, 3);
    assert.ok(byAction.data.every((e) => e.action === "refund.created"));
  });

  it("lists platform-level entries only when asked for merchant null", async () => {
    const platform = await listAuditEntries(db, { merchantId: null });
    assert.equal(platform.data.length, 1);
    assert.equal(platform.data[0]?.actor.type, "operator");
  });

  it("refuses malformed parameters", async () => {
    for (const bad of [
      { merchantId: "mer_a", limit: 0 },
      { merchantId: "mer_a", limit: 101 },
      { merchantId: "mer_a", limit: 1.5 },
      { merchantId: "mer_a", startingAfter: "pay_1" },
      { merchantId: "mer a" },
      { merchantId: undefined },
    ]) {
      await assert.rejects(listAuditEntries(db, bad as never), { code: "LIST_PARAMS_INVALID" }, JSON.stringify(bad));
    }
  });
});
