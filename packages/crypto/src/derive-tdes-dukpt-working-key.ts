// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.

import { encryptBlocks, xor } from "./apply-block-cipher.ts";
import { assertTdesKey } from "./assert-bytes.ts";
import { CryptoError } from "./errors.ts";

/**
 * The TDES DUKPT working-key variants of ANSI X9.24-1:2009 (Annex A, A.6):
 * each XORs a constant into the transaction key so a key is bound to one use.
 * `dataRequest`/`dataResponse` also apply the one-way step of the 2009 "data" variant.
 */
export const TDES_DUKPT_VARIANTS = {
  pin: "00000000000000FF00000000000000FF",
  macRequest: "000000000000FF00000000000000FF00",
  macResponse: "00000000FF00000000000000FF000000",
  dataRequest: "0000000000FF00000000000000FF0000",
  dataResponse: "000000FF00000000000000FF00000000",
} as const;

/** The uses a TDES DUKPT working key is derived for (X9.24-1:2009 A.6). */
export type TdesDukptKeyUsage = keyof typeof TDES_DUKPT_VARIANTS;

const MASKS: Readonly<Record<TdesDukptKeyUsage, Buffer>> = {
  pin: Buffer.from(TDES_DUKPT_VARIANTS.pin, "hex"),
  macRequest: Buffer.from(TDES_DUKPT_VARIANTS.macRequest, "hex"),
  macResponse: Buffer.from(TDES_DUKPT_VARIANTS.macResponse, "hex"),
  dataRequest: Buffer.from(TDES_DUKPT_VARIANTS.dataRequest, "hex"),
  dataResponse: Buffer.from(TDES_DUKPT_VARIANTS.dataResponse, "hex"),
};

/** Options of {@link deriveTdesDukptWorkingKey}. */
export type DeriveTdesDukptWorkingKeyOptions = {
  /** The 16-byte transaction key (from `deriveTdesDukptTransactionKey` or a device transaction). */
  readonly transactionKey: Uint8Array;
  /** What the key is for: `pin`, `macRequest`, `macResponse`, `dataRequest`, `dataResponse`. */
  readonly usage: TdesDukptKeyUsage;
};

/**
 * A TDES DUKPT working key (double-length TDES), ANSI X9.24-1:2009 A.6. Device and host both call it.
 * - `pin`: encrypts ISO 9564 format 0 PIN blocks (TDES-ECB).
 * - `macRequest` / `macResponse`: ISO 9797-1 MAC algorithm 3 (X9.19) keys per direction.
 * - `dataRequest` / `dataResponse`: data encryption keys per direction. X9.24-1:2009 makes the data
 *   variant one-way: V = key ⊕ mask, then key = TDES(V, V_L) ‖ TDES(V, V_R), so a data key that
 *   leaks cannot be turned back into the PIN or MAC keys of the same transaction.
 */
export function deriveTdesDukptWorkingKey(options: DeriveTdesDukptWorkingKeyOptions): Buffer {
  const transactionKey = assertTdesKey(options.transactionKey, "transactionKey", [16]);
  const mask = Object.hasOwn(MASKS, options.usage) ? MASKS[options.usage] : undefined;
  if (!mask) throw new CryptoError("KEY_USAGE_INVALID", "usage is not a TDES DUKPT key usage", "usage");
  const variant = xor(transactionKey, mask);
  if (options.usage !== "dataRequest" && options.usage !== "dataResponse") return variant;
  const dataKey = encryptBlocks("TDES", variant, variant);
  variant.fill(0);
  return dataKey;
}
