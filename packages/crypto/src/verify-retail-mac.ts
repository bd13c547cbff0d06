// Hand-written from ISO/IEC 9797-1:2011 MAC algorithm 3 / ANSI X9.19 on node:crypto primitives.
import { assertBytes } from "./assert-bytes.ts";
import { assertMacMatches } from "./compare-macs.ts";
import { computeRetailMac } from "./compute-retail-mac.ts";
import { CryptoError } from "./errors.ts";

/** Options of {@link verifyRetailMac}. */
export type VerifyRetailMacOptions = {
  /** Double-length key K‖K′ (16 bytes). */
  readonly key: Uint8Array;
  /** The message the MAC claims to cover. */
  readonly message: Uint8Array;
  /** The received MAC: 4 to 8 bytes, the leftmost bytes of the full MAC (X9.19 sends 4). */
  readonly mac: Uint8Array;
};

/**
 * Verifies an ISO/IEC 9797-1 MAC algorithm 3 (retail MAC) in constant time; throws `MAC_MISMATCH`
 * when it does not match.
 */
export function verifyRetailMac(options: VerifyRetailMacOptions): void {
  const mac = assertBytes(options.mac, "mac", "MAC_LENGTH_INVALID");
  // X9.19 allows a 32-bit MAC; shorter is guessable by brute force.
  if (mac.length < 4 || mac.length > 8) {
    throw new CryptoError("MAC_LENGTH_INVALID", "mac must be 4 to 8 bytes", "mac");
  }
  const computed = computeRetailMac({ key: options.key, message: options.message });
  try {
    assertMacMatches(computed, mac, "retail MAC does not verify");
  } finally {
    computed.fill(0);
  }
}
