import type { Queryable } from "@enclave/db";
import { canonicalizeJson } from "./canonicalize-json.ts";
import {
  AUDIT_CHECKPOINT_TYPE,
  type AuditCheckpoint,
  type AuditLaneHead,
  CHECKPOINT_COLUMNS,
  type CheckpointRow,
  checkpointFromRow,
} from "./checkpoint-statement.ts";
import type { AuditSigner } from "./load-or-create-audit-signing-key.ts";
import { newAuditId } from "./new-audit-id.ts";
import { toBuffer } from "./to-buffer.ts";

/** Options of `createCheckpoint`. */
export interface CreateCheckpointOptions {
  /**
   * When the heads have not moved since this signer's latest checkpoint, return that one instead
   * of signing a duplicate (what the timer does, so an idle shop does not fill the table).
   */
  onlyIfChanged?: boolean;
}

/**
 * Signs a statement of every lane's head (lane, seq, hash) with the audit key and stores it.
 * Anyone holding a checkpoint and the public key can later prove that no entry it covers was
 * changed or removed (PCI DSS 10.3.4). Reads the heads with one plain SELECT: it sees committed
 * entries only and never waits for a transaction holding a lane.
 */
export async function createCheckpoint(
  db: Queryable,
  signer: AuditSigner,
  options: CreateCheckpointOptions = {},
): Promise<AuditCheckpoint> {
  const lanes = await db.query<{ lane: number; seq: number; head_hash: unknown }>(
    "SELECT lane, seq, head_hash FROM audit_lanes ORDER BY lane",
  );
  const heads: AuditLaneHead[] = lanes.rows.map((r) => ({
    lane: r.lane,
    seq: r.seq,
    hash: toBuffer(r.head_hash).toString("hex"),
  }));
  if (options.onlyIfChanged) {
    const latest = await db.query<CheckpointRow>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE key_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [signer.keyId],
    );
    const row = latest.rows[0];
    if (row) {
      const previous = checkpointFromRow(row);
      if (sameHeads(previous.heads, heads)) return previous;
    }
  }
  const time = new Date();
  const id = newAuditId("acp", time);
  const statement = canonicalizeJson({
    v: 1,
    type: AUDIT_CHECKPOINT_TYPE,
    id,
    time: time.toISOString(),
    key_id: signer.keyId,
    heads: heads.map((h) => ({ lane: h.lane, seq: h.seq, hash: h.hash })),
  });
  const signature = signer.sign(Buffer.from(statement, "utf8"));
  const inserted = await db.query<CheckpointRow>(
    `INSERT INTO audit_checkpoints (id, created_at, statement, key_id, public_key, signature)
     VALUES ($1, $2::timestamptz, $3, $4, $5, $6) RETURNING ${CHECKPOINT_COLUMNS}`,
    [id, time.toISOString(), statement, signer.keyId, signer.publicKeyPem, signature],
  );
  return checkpointFromRow(inserted.rows[0] as CheckpointRow);
}

function sameHeads(a: readonly AuditLaneHead[], b: readonly AuditLaneHead[]): boolean {
  return (
    a.length === b.length && a.every((h, i) => h.lane === b[i]?.lane && h.seq === b[i]?.seq && h.hash === b[i]?.hash)
  );
}
