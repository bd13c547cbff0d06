import { verify } from "node:crypto";
import type { Database, Queryable } from "@enclave/db";
import { canonicalizeJson, type JsonValue } from "./canonicalize-json.ts";
import { checkpointStatementSchema } from "./checkpoint-statement.ts";
import { auditEntryBodySchema } from "./entry-schema.ts";
import { AUDIT_GENESIS_HASH, hashAuditEntry } from "./hash-audit-entry.ts";
import { type AuditPublicKey, parseAuditPublicKey } from "./parse-audit-public-key.ts";
import { toBuffer } from "./to-buffer.ts";

/** Why the verifier flags something. Stable strings: tests and alerts match on them. */
export const AUDIT_PROBLEM_REASONS = [
  /** One or more entries before this position are missing (deleted). */
  "seq_gap",
  /** Two entries claim the same lane and seq (one was inserted). */
  "seq_repeated",
  /** prev_hash is not the previous entry's hash (this entry or the previous one was altered). */
  "broken_link",
  /** The stored hash is not the hash of this entry's body and position (the entry was altered or moved). */
  "hash_mismatch",
  /** The body is not canonical JSON of the entry shape. */
  "body_invalid",
  /** An indexed column differs from the hashed body (the row was edited outside the body). */
  "column_mismatch",
  /** The lane head is ahead of the last entry: the tail of the lane was removed. */
  "tail_missing",
  /** Entries exist past the lane head (appended outside `appendAuditEntry`). */
  "beyond_head",
  /** The lane head hash differs from the last entry's hash. */
  "head_mismatch",
  /** Entries sit in a lane that has no head row. */
  "orphan_lane",
  /** A checkpoint's statement is malformed or disagrees with its columns. */
  "checkpoint_invalid",
  /** A checkpoint is signed by a key that is not among the trusted public keys. */
  "checkpoint_untrusted_key",
  /** A checkpoint's signature does not verify. */
  "checkpoint_signature_invalid",
  /** A checkpoint vouches for an entry that no longer exists (a removed tail). */
  "checkpoint_entry_missing",
  /** The entry at a vouched position has a different hash than was signed (history rewritten). */
  "checkpoint_hash_mismatch",
  /** A checkpoint names a lane that no longer exists. */
  "checkpoint_lane_missing",
  /** An anchor (a checkpoint kept outside the database) is no longer in the database. */
  "checkpoint_missing",
] as const;
/** Why the verifier flags something. */
export type AuditProblemReason = (typeof AUDIT_PROBLEM_REASONS)[number];

/** One thing found wrong with the trail. */
export interface AuditProblem {
  reason: AuditProblemReason;
  /** A sentence for a human: what was expected and what was found. */
  message: string;
  lane?: number;
  /** The first position in the lane that is wrong (for a gap or cut tail: the first missing seq). */
  seq?: number;
  /** The entry found at (or nearest after) that position, if any. */
  entryId?: string;
  checkpointId?: string;
}

/** A checkpoint kept outside the database (e.g. shipped to a log archive), to check against it. */
export interface AuditAnchor {
  /** The exact signed statement text. */
  statement: string;
  /** Ed25519 signature, base64. */
  signature: string;
}

/** Options of `verifyAudit`. */
export interface VerifyAuditOptions {
  /** Trusted checkpoint public keys (SPKI PEM). Keys stored in the database are never trusted. */
  publicKeys: readonly string[];
  /** Checkpoints kept outside the database; catches a cut tail whose checkpoints were deleted too. */
  anchors?: readonly AuditAnchor[];
  /** Entries or checkpoints read per query (memory bound). Default 1000. */
  pageSize?: number;
  /** Problems kept in the result; `firstBad` is found among all of them regardless. Default 100. */
  maxProblems?: number;
}

/** Counts common to both outcomes. */
export interface AuditCounts {
  entries: number;
  lanes: number;
  /** Checkpoints (and anchors) with a trusted, valid signature. */
  checkpoints: number;
  /** Entries after the last trusted checkpoint of their lane: not yet protected by a signature. */
  unvouchedEntries: number;
}

/** The outcome of a verification: a value, not an exception. */
export type VerifyAuditResult =
  | ({ ok: true } & AuditCounts)
  | ({ ok: false; problems: AuditProblem[]; firstBad: AuditProblem; problemCount: number } & AuditCounts);

interface EntryRow {
  id: string;
  seq: number;
  created_at: Date;
  merchant_id: string | null;
  actor_type: string;
  actor_id: string;
  action: string;
  outcome: string;
  resource_type: string;
  resource_id: string;
  body: string;
  prev_hash: unknown;
  hash: unknown;
}

interface LaneState {
  headSeq: number;
  headHash: Buffer;
  lastSeq: number;
  vouchedSeq: number;
}

/**
 * Verifies the whole audit trail (PCI DSS 10.3.4): walks every lane from seq 1, recomputing each
 * hash and checking links, seq continuity and that every indexed column matches the hashed body;
 * checks each lane head against its last entry; checks every checkpoint's Ed25519 signature with
 * the trusted keys and that the entries it vouches for are still there, unchanged. Detects an
 * edited, deleted, inserted, reordered or moved entry and a cut tail (through the lane head, or
 * through a checkpoint when the head was rewound too).
 *
 * Runs in one REPEATABLE READ, read-only transaction so that entries appended meanwhile do not
 * look like tampering, and reads page by page (keyset per lane) so memory does not grow with the
 * trail. On PGlite (one connection) other work waits while it runs.
 *
 * `firstBad` is the problem at the lowest lane, then lowest seq; problems without a position
 * (a bad checkpoint signature) come after those.
 *
 * @throws AuditError PUBLIC_KEY_INVALID when a trusted key is not an Ed25519 public key.
 */
export async function verifyAudit(db: Database, options: VerifyAuditOptions): Promise<VerifyAuditResult> {
  const trusted = new Map<string, AuditPublicKey>();
  for (const pem of options.publicKeys) {
    const key = parseAuditPublicKey(pem);
    trusted.set(key.keyId, key);
  }
  const pageSize = options.pageSize ?? 1000;
  const maxProblems = options.maxProblems ?? 100;
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  let firstBad: AuditProblem | undefined;
  const report = (problem: AuditProblem) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push(problem);
    if (!firstBad || comesBefore(problem, firstBad)) firstBad = problem;
  };

  return db.transaction(async (tx) => {
    // One snapshot for the whole walk: a head read at the start and entries read later must
    // describe the same moment, or a concurrent append would look like tampering.
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const laneRows = await tx.query<{ lane: number; seq: number; head_hash: unknown }>(
      "SELECT lane, seq, head_hash FROM audit_lanes ORDER BY lane",
    );
    const lanes = new Map<number, LaneState>();
    for (const r of laneRows.rows) {
      lanes.set(r.lane, { headSeq: r.seq, headHash: toBuffer(r.head_hash), lastSeq: 0, vouchedSeq: 0 });
    }
    let entries = 0;
    for (const [lane, state] of lanes) entries += await walkLane(tx, lane, state, pageSize, report);

    const orphans = await tx.query<{ lane: number; seq: number; n: number }>(
      `SELECT lane, min(seq) AS seq, count(*)::int8 AS n FROM audit_entries
       WHERE lane NOT IN (SELECT lane FROM audit_lanes) GROUP BY lane ORDER BY lane`,
    );
    for (const o of orphans.rows) {
      entries += o.n;
      report({
        reason: "orphan_lane",
        lane: o.lane,
        seq: o.seq,
        message: `${o.n} entries sit in lane ${o.lane}, which has no head row`,
      });
    }

    const seen = new Set<string>();
    let checkpoints = 0;
    let after = "";
    for (;;) {
      const page = await tx.query<{
        id: string;
        created_at: Date;
        statement: string;
        key_id: string;
        signature: unknown;
      }>(
        `SELECT id, created_at, statement, key_id, signature FROM audit_checkpoints
         WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, pageSize],
      );
      for (const row of page.rows) {
        seen.add(row.id);
        const checked = await checkCheckpoint(tx, trusted, lanes, report, {
          id: row.id,
          statement: row.statement,
          signature: toBuffer(row.signature),
          columns: { time: row.created_at.toISOString(), keyId: row.key_id },
        });
        if (checked) checkpoints++;
      }
      if (page.rows.length < pageSize) break;
      after = (page.rows[page.rows.length - 1] as { id: string }).id;
    }
    for (const anchor of options.anchors ?? []) {
      const id = anchorId(anchor.statement);
      const checked = await checkCheckpoint(tx, trusted, lanes, report, {
        id,
        statement: anchor.statement,
        signature: Buffer.from(anchor.signature, "base64"),
      });
      if (checked) checkpoints++;
      // Only a trusted anchor proves a checkpoint existed; an untrusted one was reported above.
      if (checked && !seen.has(id)) {
        report({
          reason: "checkpoint_missing",
          checkpointId: id,
          message: `checkpoint ${id} held outside the database is missing from audit_checkpoints`,
        });
      }
    }

    let unvouchedEntries = 0;
    for (const state of lanes.values()) unvouchedEntries += Math.max(0, state.lastSeq - state.vouchedSeq);
    const counts: AuditCounts = { entries, lanes: lanes.size, checkpoints, unvouchedEntries };
    if (!firstBad) return { ok: true, ...counts };
    return { ok: false, problems, firstBad, problemCount, ...counts };
  });
}

/** Walks one lane from seq 1 in keyset pages; returns the number of entries read. */
async function walkLane(
  tx: Queryable,
  lane: number,
  state: LaneState,
  pageSize: number,
  report: (p: AuditProblem) => void,
): Promise<number> {
  let expected = 1;
  let prevHash: Buffer = AUDIT_GENESIS_HASH;
  let prevId: string | undefined;
  let firstBeyondHead: string | undefined;
  let count = 0;
  let cursor = { seq: 0, id: "" };
  for (;;) {
    const page = await tx.query<EntryRow>(
      `SELECT id, seq, created_at, merchant_id, actor_type, actor_id, action, outcome, resource_type,
         resource_id, body, prev_hash, hash
       FROM audit_entries WHERE lane = $1 AND (seq, id) > ($2::int8, $3::text) ORDER BY seq, id LIMIT $4`,
      [lane, cursor.seq, cursor.id, pageSize],
    );
    for (const row of page.rows) {
      count++;
      const hash = toBuffer(row.hash);
      const storedPrev = toBuffer(row.prev_hash);
      const at = { lane, seq: row.seq, entryId: row.id };
      if (row.seq > state.headSeq && firstBeyondHead === undefined) firstBeyondHead = row.id;
      if (row.seq < expected) {
        report({
          ...at,
          reason: "seq_repeated",
          message: `lane ${lane} seq ${row.seq}: entries ${prevId} and ${row.id} both claim this position`,
        });
      } else if (row.seq > expected) {
        report({
          ...at,
          seq: expected,
          reason: "seq_gap",
          message: `lane ${lane}: ${seqRange(expected, row.seq - 1)} missing; the chain continues at seq ${row.seq} with ${row.id}`,
        });
      }
      // Invariant: the hash covers body, lane and seq, so no entry is edited or moved unnoticed.
      // Checked before the link: when both fail, "this entry was altered" is the sharper finding.
      if (!safeHash(storedPrev, lane, row.seq, row.body).equals(hash)) {
        report({
          ...at,
          reason: "hash_mismatch",
          message: `lane ${lane} seq ${row.seq} (${row.id}): stored hash is not the hash of this body at this position; the entry was altered or moved`,
        });
      }
      // Invariant: each entry commits to its predecessor, so none can be removed or replaced.
      if (row.seq === expected && !storedPrev.equals(prevHash)) {
        report({
          ...at,
          reason: "broken_link",
          message: `lane ${lane} seq ${row.seq} (${row.id}): prev_hash does not match the hash of seq ${row.seq - 1}; one of them was altered`,
        });
      }
      const bodyProblem = checkBody(row);
      if (bodyProblem) report({ ...at, ...bodyProblem });
      // Continue from what is stored, so one tampered entry is reported once, not at every later one.
      if (row.seq >= expected) {
        expected = row.seq + 1;
        prevHash = hash;
        state.lastSeq = row.seq;
      }
      prevId = row.id;
    }
    if (page.rows.length < pageSize) break;
    const last = page.rows[page.rows.length - 1] as EntryRow;
    cursor = { seq: last.seq, id: last.id };
  }
  // Invariant: the head moves with every append, so a removed tail leaves the head ahead of it.
  if (state.headSeq > state.lastSeq) {
    report({
      lane,
      seq: state.lastSeq + 1,
      reason: "tail_missing",
      message: `lane ${lane}: head is at seq ${state.headSeq} but entries end at seq ${state.lastSeq}; ${seqRange(state.lastSeq + 1, state.headSeq)} removed`,
    });
  } else if (state.headSeq < state.lastSeq) {
    report({
      lane,
      seq: state.headSeq + 1,
      ...(firstBeyondHead ? { entryId: firstBeyondHead } : {}),
      reason: "beyond_head",
      message: `lane ${lane}: entries go to seq ${state.lastSeq} but the head is at seq ${state.headSeq}; ${seqRange(state.headSeq + 1, state.lastSeq)} not appended through the chain`,
    });
  } else if (!state.headHash.equals(prevHash)) {
    report({
      lane,
      seq: state.lastSeq,
      reason: "head_mismatch",
      message: `lane ${lane}: head hash differs from the hash of its last entry (seq ${state.lastSeq})`,
    });
  }
  return count;
}

function safeHash(prevHash: Buffer, lane: number, seq: number, body: string): Buffer {
  // A corrupt prev_hash length is itself a mismatch, not a crash of the verifier.
  if (prevHash.length !== 32) return Buffer.alloc(0);
  return hashAuditEntry({ prevHash, lane, seq, body });
}

/** Checks a body is canonical JSON of the entry shape and that every copied column matches it. */
function checkBody(row: EntryRow): Pick<AuditProblem, "reason" | "message"> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.body);
  } catch {
    return { reason: "body_invalid", message: `entry ${row.id}: body is not JSON` };
  }
  const body = auditEntryBodySchema.safeParse(parsed);
  if (!body.success || canonicalizeJson(parsed as JsonValue) !== row.body) {
    return { reason: "body_invalid", message: `entry ${row.id}: body is not a canonical audit entry body` };
  }
  const b = body.data;
  // Invariant: queries filter on the copied columns (tenant, action, resource, time), so a copy
  // that drifts from the hashed body could hide an entry from its merchant or move it to another.
  const mismatched: string[] = [];
  if (row.id !== b.id) mismatched.push("id");
  if (row.created_at.toISOString() !== b.time) mismatched.push("created_at");
  if (row.merchant_id !== b.merchant_id) mismatched.push("merchant_id");
  if (row.actor_type !== b.actor.type) mismatched.push("actor_type");
  if (row.actor_id !== b.actor.id) mismatched.push("actor_id");
  if (row.action !== b.action) mismatched.push("action");
  if (row.outcome !== b.outcome) mismatched.push("outcome");
  if (row.resource_type !== b.resource.type) mismatched.push("resource_type");
  if (row.resource_id !== b.resource.id) mismatched.push("resource_id");
  if (mismatched.length === 0) return undefined;
  return {
    reason: "column_mismatch",
    message: `entry ${row.id}: ${mismatched.join(", ")} differ from the hashed body`,
  };
}

/** Checks one checkpoint; returns true when its signature is trusted and valid. */
async function checkCheckpoint(
  tx: Queryable,
  trusted: Map<string, AuditPublicKey>,
  lanes: Map<number, LaneState>,
  report: (p: AuditProblem) => void,
  input: { id: string; statement: string; signature: Buffer; columns?: { time: string; keyId: string } },
): Promise<boolean> {
  const { id } = input;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.statement);
  } catch {
    parsed = undefined;
  }
  const statement = checkpointStatementSchema.safeParse(parsed);
  if (
    !statement.success ||
    canonicalizeJson(parsed as JsonValue) !== input.statement ||
    statement.data.id !== id ||
    (input.columns && (statement.data.time !== input.columns.time || statement.data.key_id !== input.columns.keyId))
  ) {
    report({
      reason: "checkpoint_invalid",
      checkpointId: id,
      message: `checkpoint ${id}: statement is malformed or disagrees with its row`,
    });
    return false;
  }
  const s = statement.data;
  // Invariant: only keys the verifier was given are trusted; a key stored beside the data it
  // vouches for could have been swapped by whoever rewrote the data.
  const key = trusted.get(s.key_id);
  if (!key) {
    report({
      reason: "checkpoint_untrusted_key",
      checkpointId: id,
      message: `checkpoint ${id} is signed by key ${s.key_id}, which is not a trusted audit key`,
    });
    return false;
  }
  if (!verify(null, Buffer.from(input.statement, "utf8"), key.key, input.signature)) {
    report({
      reason: "checkpoint_signature_invalid",
      checkpointId: id,
      message: `checkpoint ${id}: the signature does not verify with key ${s.key_id}`,
    });
    return false;
  }
  const vouched = s.heads.filter((h) => h.seq > 0);
  const found = new Map<string, Array<{ id: string; hash: string }>>();
  if (vouched.length > 0) {
    const rows = await tx.query<{ lane: number; seq: number; id: string; hash: unknown }>(
      `SELECT e.lane, e.seq, e.id, e.hash FROM audit_entries e
       JOIN unnest($1::int[], $2::int8[]) AS h(lane, seq) ON e.lane = h.lane AND e.seq = h.seq`,
      [vouched.map((h) => h.lane), vouched.map((h) => h.seq)],
    );
    for (const r of rows.rows) {
      const k = `${r.lane}:${r.seq}`;
      found.set(k, [...(found.get(k) ?? []), { id: r.id, hash: toBuffer(r.hash).toString("hex") }]);
    }
  }
  for (const head of s.heads) {
    const lane = lanes.get(head.lane);
    if (!lane) {
      report({
        reason: "checkpoint_lane_missing",
        lane: head.lane,
        checkpointId: id,
        message: `checkpoint ${id} names lane ${head.lane}, which no longer exists`,
      });
      continue;
    }
    if (head.seq === 0) {
      if (head.hash !== AUDIT_GENESIS_HASH.toString("hex"))
        report({
          reason: "checkpoint_invalid",
          lane: head.lane,
          seq: 0,
          checkpointId: id,
          message: `checkpoint ${id}: lane ${head.lane} at seq 0 must have the genesis hash`,
        });
      continue;
    }
    const candidates = found.get(`${head.lane}:${head.seq}`) ?? [];
    if (candidates.length === 0) {
      // Name the first missing entry: with the head rewound, the cut starts after the last entry.
      const firstMissing = head.seq > lane.lastSeq ? lane.lastSeq + 1 : head.seq;
      report({
        reason: "checkpoint_entry_missing",
        lane: head.lane,
        seq: firstMissing,
        checkpointId: id,
        message: `checkpoint ${id} vouches for lane ${head.lane} up to seq ${head.seq}, but that entry is gone (lane ends at seq ${lane.lastSeq})`,
      });
      continue;
    }
    const match = candidates.find((c) => c.hash === head.hash);
    if (!match) {
      report({
        reason: "checkpoint_hash_mismatch",
        lane: head.lane,
        seq: head.seq,
        entryId: (candidates[0] as { id: string }).id,
        checkpointId: id,
        message: `checkpoint ${id}: lane ${head.lane} seq ${head.seq} has a different hash than was signed; that entry or one before it was rewritten`,
      });
      continue;
    }
    lane.vouchedSeq = Math.max(lane.vouchedSeq, head.seq);
  }
  return true;
}

function anchorId(statement: string): string {
  try {
    const parsed = JSON.parse(statement) as { id?: unknown };
    return typeof parsed.id === "string" ? parsed.id : "(no id)";
  } catch {
    return "(unparsable)";
  }
}

/** Lower lane first, then lower seq; a problem without a position sorts after every positioned one. */
function comesBefore(a: AuditProblem, b: AuditProblem): boolean {
  if (a.lane === undefined) return false;
  if (b.lane === undefined) return true;
  if (a.lane !== b.lane) return a.lane < b.lane;
  return (a.seq ?? Number.MAX_SAFE_INTEGER) < (b.seq ?? Number.MAX_SAFE_INTEGER);
}

function seqRange(from: number, to: number): string {
  return from === to ? `seq ${from} was` : `seq ${from}..${to} were`;
}
