import { createHash } from "node:crypto";

/** The `prev_hash` of seq 1 in every lane: 32 zero bytes. */
export const AUDIT_GENESIS_HASH: Buffer = Buffer.alloc(32);

/** The inputs of one link of a lane's hash chain. */
export interface AuditHashInput {
  /** The previous entry's hash in the same lane (32 bytes), or the genesis hash for seq 1. */
  prevHash: Uint8Array;
  /** Lane number, 0 ≤ lane < 2^31. */
  lane: number;
  /** Position in the lane, starting at 1. */
  seq: number;
  /** The canonical JSON body exactly as stored. */
  body: string;
}

/**
 * The chain hash of an entry, as defined in docs/audit.md:
 *
 *     hash = SHA-256( prev_hash[32] || uint32be(lane) || uint64be(seq) || SHA-256(utf8(body)) )
 *
 * The database computes the same with `sha256(prev_hash || int4send(lane) || int8send(seq) ||
 * sha256(convert_to(body, 'UTF8')))` when it appends; this is the verifier's independent copy.
 * Lane and seq are inside the hash so that an entry cannot be moved or renumbered unnoticed.
 */
export function hashAuditEntry(input: AuditHashInput): Buffer {
  if (input.prevHash.length !== 32) throw new RangeError("prevHash must be 32 bytes");
  if (!Number.isSafeInteger(input.lane) || input.lane < 0 || input.lane > 0x7fffffff)
    throw new RangeError("lane out of range");
  if (!Number.isSafeInteger(input.seq) || input.seq < 1) throw new RangeError("seq out of range");
  const position = Buffer.alloc(12);
  position.writeUInt32BE(input.lane, 0);
  position.writeBigUInt64BE(BigInt(input.seq), 4);
  const bodyHash = createHash("sha256").update(input.body, "utf8").digest();
  return createHash("sha256").update(input.prevHash).update(position).update(bodyHash).digest();
}
