// Hand-written from the standards (RFC 4493 / NIST SP 800-38B) on node:crypto block primitives:
// node:crypto has no CMAC, and no maintained library covers the payment uses (TDES-CMAC, KCVs).
import { assertAesKey, assertBytes } from "./assert-bytes.ts";
import { computeCmac } from "./compute-cmac.ts";

/** Options of {@link computeAesCmac}. */
export type ComputeAesCmacOptions = {
  /** AES key of 16, 24 or 32 bytes. */
  readonly key: Uint8Array;
  /** The message, any length (including empty). */
  readonly message: Uint8Array;
};

/**
 * AES-CMAC (RFC 4493, NIST SP 800-38B) with any AES key size: the 16-byte tag. Used for AES DUKPT
 * message MACs, TR-31 version D key blocks and the X9.24-1:2017 A.3 key check value.
 */
export function computeAesCmac(options: ComputeAesCmacOptions): Buffer {
  const key = assertAesKey(options.key, "key");
  const message = assertBytes(options.message, "message", "DATA_LENGTH_INVALID");
  return computeCmac("AES", key, message);
}
