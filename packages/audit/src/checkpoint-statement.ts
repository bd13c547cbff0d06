import { z } from "zod";
import { toBuffer } from "./to-buffer.ts";

/** The `type` member of every checkpoint statement, so a signature over one cannot be replayed as another kind of document. */
export const AUDIT_CHECKPOINT_TYPE = "enclave.audit.checkpoint";

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);

/** The signed statement of a checkpoint (canonical JSON; see docs/audit.md). */
export const checkpointStatementSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal(AUDIT_CHECKPOINT_TYPE),
  id: z.string().regex(/^acp_[0-9a-f]{32}$/),
  time: z.iso.datetime({ precision: 3 }),
  key_id: hex32,
  heads: z
    .array(z.strictObject({ lane: z.number().int().min(0), seq: z.number().int().min(0), hash: hex32 }))
    .max(4096),
});

/** One lane head as a checkpoint states it. */
export interface AuditLaneHead {
  lane: number;
  seq: number;
  /** Lowercase hex; 64 zeros for an empty lane. */
  hash: string;
}

/** A signed checkpoint as stored and listed. */
export interface AuditCheckpoint {
  id: string;
  time: Date;
  /** SHA-256 of the signer's SPKI DER, lowercase hex. */
  keyId: string;
  /** The signer's public key as recorded at signing time; informative, never trusted by the verifier. */
  publicKeyPem: string;
  heads: AuditLaneHead[];
  /** The exact signed text (canonical JSON). */
  statement: string;
  /** Ed25519 signature over the UTF-8 bytes of `statement`, base64. */
  signature: string;
}

/** A checkpoint row as selected by `CHECKPOINT_COLUMNS`. */
export interface CheckpointRow {
  id: string;
  created_at: Date;
  statement: string;
  key_id: string;
  public_key: string;
  signature: unknown;
}

/** The columns every checkpoint query selects. */
export const CHECKPOINT_COLUMNS = "id, created_at, statement, key_id, public_key, signature";

/**
 * Turns a stored checkpoint into its API shape. The heads come from the signed statement, not a
 * separate column, so what is listed is what was signed.
 */
export function checkpointFromRow(row: CheckpointRow): AuditCheckpoint {
  const statement = checkpointStatementSchema.parse(JSON.parse(row.statement));
  return {
    id: row.id,
    time: row.created_at,
    keyId: row.key_id,
    publicKeyPem: row.public_key,
    heads: statement.heads,
    statement: row.statement,
    signature: toBuffer(row.signature).toString("base64"),
  };
}
