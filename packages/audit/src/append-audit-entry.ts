import { randomInt } from "node:crypto";
import type { Queryable } from "@enclave/db";
import { canonicalizeJson, type JsonValue } from "./canonicalize-json.ts";
import { AUDIT_BODY_VERSION, type AuditEntryInput, auditEntryInputSchema } from "./entry-schema.ts";
import { AuditError } from "./errors.ts";
import { newAuditId } from "./new-audit-id.ts";
import { toBuffer } from "./to-buffer.ts";

/** The number of lanes the migration creates; only used to pick a random starting lane. */
export const AUDIT_LANE_COUNT = 32;

/** Where an appended entry landed in the chain. */
export interface AppendedAuditEntry {
  id: string;
  time: Date;
  lane: number;
  seq: number;
  /** The entry's chain hash, lowercase hex. */
  hash: string;
}

// The lane each open transaction holds. A transaction keeps one lane for all its entries: taking
// a second lane would hold two locks, and two transactions taking lanes in opposite orders could
// deadlock. Keyed weakly so a finished transaction's entry disappears with it. Correctness never
// depends on this map (the statement always locks the lane it writes); only concurrency does.
const laneOfTransaction = new WeakMap<Queryable, number>();

// The common tail, one statement so an append is one round trip: lock the chosen lane (already
// ours, or waited for), compute the next link from the head, advance the head, insert. The UPDATE
// recomputes the link from the row it actually updates (under READ COMMITTED that is the newest
// version, even when `head` had to wait for another transaction), and the INSERT happens only if
// both computations agree, so a stale read can fail the append but never fork the chain. The
// chain hash is computed by the database from the exact text it stores; see docs/audit.md for
// the definition the verifier re-implements.
const APPEND_TAIL = `
head AS (
  SELECT l.lane, l.seq, l.head_hash FROM audit_lanes l JOIN chosen c ON c.lane = l.lane FOR UPDATE OF l
), next AS (
  SELECT lane, seq + 1 AS seq, head_hash AS prev_hash,
    sha256(head_hash || int4send(lane) || int8send(seq + 1) || sha256(convert_to($2::text, 'UTF8'))) AS hash
  FROM head
), advanced AS (
  UPDATE audit_lanes l SET seq = l.seq + 1,
    head_hash = sha256(l.head_hash || int4send(l.lane) || int8send(l.seq + 1) || sha256(convert_to($2::text, 'UTF8')))
  FROM chosen c WHERE l.lane = c.lane
  RETURNING l.lane, l.seq, l.head_hash
)
INSERT INTO audit_entries (id, lane, seq, created_at, merchant_id, actor_type, actor_id, action, outcome,
  resource_type, resource_id, body, prev_hash, hash)
SELECT $3, n.lane, n.seq, $4::timestamptz, $5, $6, $7, $8, $9, $10, $11, $2::text, n.prev_hash, n.hash
FROM next n JOIN advanced a ON a.lane = n.lane AND a.seq = n.seq AND a.head_hash = n.hash
RETURNING lane, seq, hash`;

// First entry of a transaction: take the first lane, from a random start, that no other
// transaction holds (SKIP LOCKED), so concurrent payments spread over lanes instead of queueing.
// If every lane is busy, wait for the lane at the random start rather than fail.
const APPEND_PICKING_LANE = `WITH free AS (
  SELECT lane FROM audit_lanes ORDER BY lane >= $1::int DESC, lane LIMIT 1 FOR UPDATE SKIP LOCKED
), chosen AS (
  SELECT lane FROM free
  UNION ALL
  SELECT lane FROM (SELECT lane FROM audit_lanes ORDER BY lane >= $1::int DESC, lane LIMIT 1) AS busy
  WHERE NOT EXISTS (SELECT 1 FROM free)
), ${APPEND_TAIL}`;

// Later entries of the same transaction: its own lane, whose lock it already holds.
const APPEND_ON_LANE = `WITH chosen AS (SELECT $1::int AS lane), ${APPEND_TAIL}`;

/**
 * Appends one audit entry, hash-chained, inside the caller's open transaction, so the entry
 * commits if and only if the change it records commits (PCI DSS 10.2). Validates the entry's
 * shape and size and refuses anything that looks like card data; the caller still must never
 * pass secrets. Pass the transaction given by `db.transaction`; the lane taken by its first
 * entry is held until it ends and reused by its later entries.
 *
 * @throws AuditError ENTRY_INVALID when the input is malformed; LANE_UNAVAILABLE when the
 *   audit tables are missing.
 */
export async function appendAuditEntry(tx: Queryable, input: AuditEntryInput): Promise<AppendedAuditEntry> {
  const parsed = auditEntryInputSchema.safeParse(input);
  if (!parsed.success) {
    // Paths and rule messages only: the refused values may be the very secrets we keep out.
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "entry"}: ${i.message}`).join("; ");
    throw new AuditError("ENTRY_INVALID", `audit entry refused: ${why}`);
  }
  const entry = parsed.data;
  const time = new Date();
  const id = newAuditId("aud", time);
  const origin: Record<string, JsonValue> = {};
  if (entry.origin.ip !== undefined) origin.ip = entry.origin.ip;
  if (entry.origin.device !== undefined) origin.device = entry.origin.device;
  if (entry.origin.requestId !== undefined) origin.request_id = entry.origin.requestId;
  if (entry.origin.userAgent !== undefined) origin.user_agent = entry.origin.userAgent;
  const body = canonicalizeJson({
    v: AUDIT_BODY_VERSION,
    id,
    time: time.toISOString(),
    merchant_id: entry.merchantId,
    actor: { type: entry.actor.type, id: entry.actor.id },
    action: entry.action,
    outcome: entry.outcome,
    origin,
    resource: { type: entry.resource.type, id: entry.resource.id },
    details: entry.details as Record<string, JsonValue>,
  });
  const columns = [
    body,
    id,
    time.toISOString(),
    entry.merchantId,
    entry.actor.type,
    entry.actor.id,
    entry.action,
    entry.outcome,
    entry.resource.type,
    entry.resource.id,
  ];
  const held = laneOfTransaction.get(tx);
  const result =
    held === undefined
      ? await tx.query<{ lane: number; seq: number; hash: unknown }>(APPEND_PICKING_LANE, [
          randomInt(AUDIT_LANE_COUNT),
          ...columns,
        ])
      : await tx.query<{ lane: number; seq: number; hash: unknown }>(APPEND_ON_LANE, [held, ...columns]);
  const row = result.rows[0];
  // No row: no lane exists (migration missing) or the head moved under us. The statement may
  // have advanced the head without inserting, so the caller's transaction must not commit:
  // throwing makes it roll back.
  if (!row) throw new AuditError("LANE_UNAVAILABLE", "no audit lane could be taken; is the audit migration applied?");
  // A Database (not a transaction) autocommits each statement and holds no lock afterwards, so
  // it must not be pinned to one lane.
  if (!isDatabase(tx)) laneOfTransaction.set(tx, row.lane);
  return { id, time, lane: row.lane, seq: row.seq, hash: toBuffer(row.hash).toString("hex") };
}

function isDatabase(q: Queryable): boolean {
  return typeof (q as { transaction?: unknown }).transaction === "function";
}
