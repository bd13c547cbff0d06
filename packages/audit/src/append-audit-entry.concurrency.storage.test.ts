import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Database, openPostgres, openTestDatabase } from "@enclave/db";
import { appendAuditEntry } from "./append-audit-entry.ts";
import { sampleEntry } from "./testing.ts";
import { verifyAudit } from "./verify-audit.ts";

const url = process.env.DATABASE_URL;
const skip = !url && "needs the PostgreSQL server: PGlite runs one transaction at a time";

describe("concurrent appends on the PostgreSQL server", { skip }, () => {
  let db: Database;
  let wide: Database;
  before(async () => {
    db = await openTestDatabase();
    // openTestDatabase pools 8 connections; reach the same schema with more to get real contention.
    const schema = (await db.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s as string;
    wide = await openPostgres({ url: url as string, poolSize: 48, searchPath: schema });
  });
  after(async () => {
    await wide?.close();
    await db?.close();
  });

  /** Runs `workers` loops of transactions until `total` entries are appended. */
  async function hammer(workers: number, total: number, holdMs: number) {
    let remaining = total;
    const transactions: Array<Array<{ lane: number; seq: number }>> = [];
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        while (remaining > 0) {
          const n = Math.min(remaining, 1 + (w % 3));
          remaining -= n;
          const appended = await wide.transaction(async (tx) => {
            const out = [];
            for (let i = 0; i < n; i++) {
              out.push(await appendAuditEntry(tx, sampleEntry({ resource: { type: "payment", id: `pay_${w}` } })));
              // Hold the lane like a payment transaction doing more work would.
              await new Promise((r) => setTimeout(r, holdMs));
            }
            return out;
          });
          transactions.push(appended);
        }
      }),
    );
    return transactions;
  }

  it("200 appends from 16 concurrent transactions: no deadlock, several lanes, one lane per transaction, verifies clean", async () => {
    const transactions = await hammer(16, 200, 2);
    const all = transactions.flat();
    assert.equal(all.length, 200);
    for (const t of transactions) {
      assert.equal(new Set(t.map((e) => e.lane)).size, 1, "a transaction keeps one lane");
      for (let i = 1; i < t.length; i++) assert.equal(t[i]?.seq, (t[i - 1]?.seq ?? 0) + 1);
    }
    const lanes = new Set(all.map((e) => e.lane));
    assert.ok(lanes.size >= 8, `only ${lanes.size} lanes used`);
    const positions = new Set(all.map((e) => `${e.lane}:${e.seq}`));
    assert.equal(positions.size, 200, "no two entries share a position");
    const result = await verifyAudit(db, { publicKeys: [], pageSize: 50 });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.entries, 200);
  });

  it("more concurrent transactions than lanes wait for a lane instead of failing", async () => {
    const before = (await db.query<{ n: number }>("SELECT count(*)::int8 AS n FROM audit_entries")).rows[0]?.n ?? 0;
    const transactions = await hammer(44, 132, 15);
    assert.equal(transactions.flat().length, 132);
    const result = await verifyAudit(db, { publicKeys: [], pageSize: 50 });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.entries, before + 132);
    const used = (await db.query<{ n: number }>("SELECT count(*)::int8 AS n FROM audit_lanes WHERE seq > 0")).rows[0];
    assert.equal(used?.n, 32, "every lane was used under full load");
  });
});
