/**
 * Stable codes of the crypto package. Callers branch on `code`, never on the message. Every code
 * means "refused": nothing here is an expected business outcome.
 *
 * - `KEY_LENGTH_INVALID`: a key has the wrong number of bytes for its algorithm or role.
 * - `KEY_INVALID`: a key is structurally unusable (a TDES key whose parts repeat, i.e. single DES).
 * - `KEY_TYPE_INVALID`: an unknown DUKPT key type, or one stronger than the key it derives from.
 * - `KEY_USAGE_INVALID`: an unknown DUKPT key usage.
 * - `KSN_INVALID`: a key serial number of the wrong length.
 * - `COUNTER_INVALID`: a DUKPT counter that no conforming device produces (zero, out of range, too many one-bits).
 * - `COUNTER_EXHAUSTED`: the device has used every valid counter; it must be reloaded with a new initial key.
 * - `STATE_INVALID`: a DUKPT device state that is malformed or already spent.
 * - `MAC_MISMATCH`: a MAC (or a key block's MAC) does not verify.
 * - `MAC_LENGTH_INVALID`: a MAC to verify has a length the algorithm does not allow.
 * - `KCV_INVALID`: a key check value request with an unsupported method or length.
 * - `PIN_INVALID` / `PAN_INVALID`: a PIN or PAN that is not 4-12 / 8-19 decimal digits.
 * - `PIN_BLOCK_INVALID`: a PIN block of the wrong size, or one that does not decode (wrong key, PAN or format).
 * - `KEY_BLOCK_INVALID`: a TR-31 / X9.143 key block that is malformed, inconsistent or not allowed.
 * - `DATA_LENGTH_INVALID`: input data whose length the operation cannot take.
 */
export type CryptoErrorCode =
  | "KEY_LENGTH_INVALID"
  | "KEY_INVALID"
  | "KEY_TYPE_INVALID"
  | "KEY_USAGE_INVALID"
  | "KSN_INVALID"
  | "COUNTER_INVALID"
  | "COUNTER_EXHAUSTED"
  | "STATE_INVALID"
  | "MAC_MISMATCH"
  | "MAC_LENGTH_INVALID"
  | "KCV_INVALID"
  | "PIN_INVALID"
  | "PAN_INVALID"
  | "PIN_BLOCK_INVALID"
  | "KEY_BLOCK_INVALID"
  | "DATA_LENGTH_INVALID";

/**
 * The one error of the crypto package. Messages name the rule that failed and, through `param`,
 * the option that broke it; they never contain key material, PINs, PANs or decrypted data
 * (PCI DSS 3.3 / 3.5), so an error can be logged as is.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  readonly param: string | undefined;
  constructor(code: CryptoErrorCode, message: string, param?: string) {
    super(message);
    this.name = "CryptoError";
    this.code = code;
    this.param = param;
  }
}
