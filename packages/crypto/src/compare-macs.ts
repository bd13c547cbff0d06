// Constant-time MAC comparison shared by the hand-written MAC and key block code.
import { timingSafeEqual } from "node:crypto";
import { CryptoError } from "./errors.ts";

/**
 * Throws `MAC_MISMATCH` unless `received` equals the leading bytes of `computed`. The comparison is
 * constant-time (crypto.timingSafeEqual) so a forger learns nothing from response timing.
 */
export function assertMacMatches(computed: Buffer, received: Buffer, message: string): void {
  const expected = computed.subarray(0, received.length);
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    throw new CryptoError("MAC_MISMATCH", message);
  }
}
