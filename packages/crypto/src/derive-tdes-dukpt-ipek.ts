// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.

import { encryptBlocks, xor } from "./apply-block-cipher.ts";
import { assertTdesKey } from "./assert-bytes.ts";
import { TDES_DUKPT_KEY_MASK } from "./generate-tdes-dukpt-key.ts";
import { parseTdesDukptKsn } from "./parse-tdes-dukpt-ksn.ts";

/** Options of {@link deriveTdesDukptIpek}. */
export type DeriveTdesDukptIpekOptions = {
  /** The base derivation key: a 16-byte (double-length) TDES key. */
  readonly bdk: Uint8Array;
  /** Any 10-byte KSN of the device; its 21 counter bits are ignored. */
  readonly ksn: Uint8Array;
};

/**
 * The initial PIN encryption key (IPEK, "initial key") of a TDES DUKPT device, ANSI X9.24-1:2009
 * Annex A: with the KSN's counter zeroed and its leftmost 8 bytes taken as R,
 *   IPEK = TDES(BDK, R) ‖ TDES(BDK ⊕ C0C0C0C000000000C0C0C0C000000000, R).
 * Host side: an HSM derives it from the BDK per device; injection loads it into the reader.
 */
export function deriveTdesDukptIpek(options: DeriveTdesDukptIpekOptions): Buffer {
  const bdk = assertTdesKey(options.bdk, "bdk", [16]);
  const { ksn } = parseTdesDukptKsn(options.ksn);
  const r = Buffer.from(ksn.subarray(0, 8));
  r[7] = (r[7] as number) & 0xe0;
  const variant = xor(bdk, TDES_DUKPT_KEY_MASK);
  const ipek = Buffer.concat([encryptBlocks("TDES", bdk, r), encryptBlocks("TDES", variant, r)]);
  variant.fill(0);
  return ipek;
}
