// Input checks shared by the hand-written protocols: bytes in, never hex strings.
import { CryptoError, type CryptoErrorCode } from "./errors.ts";

/**
 * Views a caller's bytes as a Buffer without copying, after checking they are bytes at all.
 * The API takes `Uint8Array` (a Buffer is one) so browser-shaped callers work too; hex strings are
 * refused on purpose — keys never travel as text.
 */
export function assertBytes(value: unknown, param: string, code: CryptoErrorCode): Buffer {
  if (!(value instanceof Uint8Array)) throw new CryptoError(code, `${param} must be a Uint8Array or Buffer`, param);
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** Checks a byte string has one of the allowed lengths and returns it as a Buffer view. */
export function assertLength(value: unknown, lengths: readonly number[], param: string, code: CryptoErrorCode): Buffer {
  const bytes = assertBytes(value, param, code);
  if (!lengths.includes(bytes.length)) {
    throw new CryptoError(code, `${param} must be ${lengths.join(" or ")} bytes, got ${bytes.length}`, param);
  }
  return bytes;
}

/** An AES key: 16, 24 or 32 bytes (FIPS 197). */
export function assertAesKey(value: unknown, param: string): Buffer {
  return assertLength(value, [16, 24, 32], param, "KEY_LENGTH_INVALID");
}

/**
 * A TDES key: 16 bytes (2TDEA) or 24 bytes (3TDEA), with K1 ≠ K2 and K2 ≠ K3. A key whose parts
 * repeat collapses E(K1)·D(K2)·E(K3) into single DES, which SP 800-67 and X9.24 forbid.
 */
export function assertTdesKey(value: unknown, param: string, lengths: readonly number[] = [16, 24]): Buffer {
  const key = assertLength(value, lengths, param, "KEY_LENGTH_INVALID");
  const k1 = key.subarray(0, 8);
  const k2 = key.subarray(8, 16);
  const k3 = key.length === 24 ? key.subarray(16, 24) : k1;
  if (k1.equals(k2) || k2.equals(k3)) {
    throw new CryptoError("KEY_INVALID", `${param} repeats a DES key part, so it would act as single DES`, param);
  }
  return key;
}
