// Hand-written from RFC 4493 / NIST SP 800-38B on node:crypto primitives (node:crypto has no CMAC).
import { assertAesKey, assertBytes } from "./assert-bytes.ts";
import { assertMacMatches } from "./compare-macs.ts";
import { computeCmac } from "./compute-cmac.ts";
import { CryptoError } from "./errors.ts";

/** Options of {@link verifyAesCmac}. */
export type VerifyAesCmacOptions = {
  /** AES key of 16, 24 or 32 bytes. */
  readonly key: Uint8Array;
  /** The message the MAC claims to cover. */
  readonly message: Uint8Array;
  /** The received tag: the full 16 bytes, or its leftmost 8 to 16 bytes (SP 800-38B 5.3: at least 64 bits). */
  readonly mac: Uint8Array;
};

/**
 * Verifies an AES-CMAC tag in constant time; returns nothing when it matches and throws
 * `MAC_MISMATCH` when it does not, so a forgotten check cannot pass silently.
 */
export function verifyAesCmac(options: VerifyAesCmacOptions): void {
  const key = assertAesKey(options.key, "key");
  const message = assertBytes(options.message, "message", "DATA_LENGTH_INVALID");
  const mac = assertBytes(options.mac, "mac", "MAC_LENGTH_INVALID");
  // SP 800-38B 5.3 / Appendix A: tags shorter than 64 bits need a rate limit we cannot see from here.
  if (mac.length < 8 || mac.length > 16) {
    throw new CryptoError("MAC_LENGTH_INVALID", "mac must be 8 to 16 bytes", "mac");
  }
  const computed = computeCmac("AES", key, message);
  try {
    assertMacMatches(computed, mac, "AES-CMAC does not verify");
  } finally {
    computed.fill(0);
  }
}
