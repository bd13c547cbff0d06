// Test support for the storage tests of this package (not exported from index.ts).
import type { Database, Queryable } from "@enclave/db";
import { appendAuditEntry } from "./append-audit-entry.ts";
import type { AuditEntryInput } from "./entry-schema.ts";

/** A valid entry; override what a test is about. */
export function sampleEntry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    merchantId: "mer_1",
    actor: { type: "api_key", id: "key_1" },
    action: "payment.captured",
    outcome: "success",
    origin: { ip: "203.0.113.7", requestId: "req_1", userAgent: "enclave-terminal/1.0" },
    resource: { type: "payment", id: "pay_1" },
    details: { amount: 1250, currency: "EUR" },
    ...overrides,
  };
}

/**
 * Runs `fn` the way a DBA with table-owner rights would tamper: switching the append-only
 * triggers off for one transaction, then back on (ENABLE ALWAYS, as the migration sets them).
 */
export async function asDba(db: Database, fn: (tx: Queryable) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of ["audit_entries", "audit_lanes", "audit_checkpoints"])
      await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await fn(tx);
    await tx.query("ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only");
    await tx.query("ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_append_only");
    await tx.query("ALTER TABLE audit_lanes ENABLE ALWAYS TRIGGER audit_lanes_no_delete");
    await tx.query("ALTER TABLE audit_lanes ENABLE ALWAYS TRIGGER audit_lanes_forward_only");
  });
}

/**
 * Seeds a trail: `singles` one-entry transactions (spread over lanes) and one transaction of
 * `run` entries, which all land in one lane. Returns that lane and the run's entries in order.
 */
export async function seedTrail(
  db: Database,
  options: { singles?: number; run?: number } = {},
): Promise<{ lane: number; run: Array<{ id: string; seq: number }> }> {
  for (let i = 0; i < (options.singles ?? 10); i++) {
    await db.transaction((tx) =>
      appendAuditEntry(tx, sampleEntry({ merchantId: `mer_${i % 3}`, resource: { type: "payment", id: `pay_${i}` } })),
    );
  }
  const run = await db.transaction(async (tx) => {
    const out: Array<{ id: string; seq: number; lane: number }> = [];
    for (let i = 0; i < (options.run ?? 6); i++) {
      out.push(await appendAuditEntry(tx, sampleEntry({ resource: { type: "refund", id: `re_${i}` } })));
    }
    return out;
  });
  const lane = run[0]?.lane ?? 0;
  return { lane, run: run.map((e) => ({ id: e.id, seq: e.seq })) };
}
