import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Database, openTestDatabase } from "@enclave/db";
import fc from "fast-check";
import { appendAuditEntry } from "./append-audit-entry.ts";
import { asDba, sampleEntry } from "./testing.ts";
import { verifyAudit } from "./verify-audit.ts";

const engine = process.env.DATABASE_URL ? "the PostgreSQL server" : "PGlite";

// A transaction is a list of entries; each entry varies in what a caller can vary.
const entryArb = fc.record({
  merchant: fc.constantFrom("mer_a", "mer_b", null),
  outcome: fc.constantFrom("success", "failure", "denied" as const),
  note: fc.string({ maxLength: 40 }),
  amount: fc.integer({ min: 0, max: 10_000_000 }),
});
type EntrySpec = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;
const trailArb = fc.array(fc.array(entryArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 });

describe(`verifyAudit properties on ${engine}`, () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db.close());

  const reset = () =>
    asDba(db, async (tx) => {
      await tx.query("TRUNCATE audit_entries, audit_checkpoints");
      await tx.query("UPDATE audit_lanes SET seq = 0, head_hash = decode(repeat('00', 32), 'hex')");
    });
  const append = async (trail: EntrySpec[][]) => {
    const ids: string[] = [];
    for (const transaction of trail) {
      await db.transaction(async (tx) => {
        for (const e of transaction) {
          const appended = await appendAuditEntry(
            tx,
            sampleEntry({
              merchantId: e.merchant,
              outcome: e.outcome as "success",
              details: { note: e.note, amount: e.amount },
            }),
          );
          ids.push(appended.id);
        }
      });
    }
    return ids;
  };

  it("any sequence of appends verifies clean", async () => {
    await fc.assert(
      fc.asyncProperty(trailArb, async (trail) => {
        await reset();
        const ids = await append(trail);
        const result = await verifyAudit(db, { publicKeys: [], pageSize: 2 });
        assert.deepEqual(result, {
          ok: true,
          entries: ids.length,
          lanes: 32,
          checkpoints: 0,
          unvouchedEntries: ids.length,
        });
      }),
      { numRuns: 15 },
    );
  });

  it("any single-character change in any body is detected at that entry", async () => {
    await fc.assert(
      fc.asyncProperty(
        trailArb,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 94 }),
        async (trail, pick, at, shift) => {
          await reset();
          const ids = await append(trail);
          const id = ids[pick % ids.length] as string;
          const target = (
            await db.query<{ body: string; lane: number; seq: number }>(
              "SELECT body, lane, seq FROM audit_entries WHERE id = $1",
              [id],
            )
          ).rows[0] as { body: string; lane: number; seq: number };
          const i = at % target.body.length;
          const code = target.body.charCodeAt(i);
          // A different printable character (or, for a non-ASCII one, a different code point).
          const changed = code >= 32 && code < 127 ? 32 + ((code - 32 + shift) % 95) : code === 0x41 ? 0x42 : 0x41;
          const body = target.body.slice(0, i) + String.fromCharCode(changed) + target.body.slice(i + 1);
          await asDba(db, async (tx) => {
            await tx.query("UPDATE audit_entries SET body = $2 WHERE id = $1", [id, body]);
          });
          const result = await verifyAudit(db, { publicKeys: [], pageSize: 2 });
          assert.equal(result.ok, false);
          if (result.ok) return;
          assert.equal(result.firstBad.entryId, id);
          assert.equal(result.firstBad.lane, target.lane);
          assert.equal(result.firstBad.seq, target.seq);
          assert.equal(result.firstBad.reason, "hash_mismatch");
        },
      ),
      { numRuns: 15 },
    );
  });
});
