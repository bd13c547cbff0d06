// Hand-written from ANSI X9.24-3-2017 (AES DUKPT) on node:crypto AES-ECB: no maintained JS library
// implements AES DUKPT against the standard's published vectors.
import type { Cipheriv } from "node:crypto";
import { AES_DUKPT_KEY_TYPES, type AesDukptKeyType, KEY_DERIVATION_INITIAL_KEY } from "./aes-dukpt-tables.ts";
import { createEncryptor } from "./apply-block-cipher.ts";

/**
 * Create_Derivation_Data of ANSI X9.24-3-2017 6.3.3 (layout in 6.3.2 Tables 2-3), written into `out` (16 bytes):
 *   [0] version 0x01, [1] key block counter (set per block by `deriveAesDukptKey`),
 *   [2-3] key usage, [4-5] algorithm of the derived key, [6-7] its length in bits,
 *   [8-15] the initial key ID for the initial key, otherwise the derivation ID (the initial key ID's
 *          rightmost 4 bytes) followed by the 32-bit counter.
 */
export function writeAesDukptDerivationData(
  out: Buffer,
  usage: number,
  keyType: AesDukptKeyType,
  initialKeyId: Buffer,
  counter: number,
): Buffer {
  const type = AES_DUKPT_KEY_TYPES[keyType];
  out[0] = 0x01;
  out[1] = 0x01;
  out.writeUInt16BE(usage, 2);
  out.writeUInt16BE(type.algorithm, 4);
  out.writeUInt16BE(type.bits, 6);
  if (usage === KEY_DERIVATION_INITIAL_KEY) {
    initialKeyId.copy(out, 8, 0, 8);
  } else {
    initialKeyId.copy(out, 8, 4, 8);
    out.writeUInt32BE(counter >>> 0, 12);
  }
  return out;
}

/**
 * Derive_Key of ANSI X9.24-3-2017 6.3.1: AES-ECB under the deriving key of the derivation data,
 * once per 128 bits of the derived key with the block counter in byte 1 set to 1, 2, …, keeping the
 * leftmost bits the key type needs. `derivationData` is one 16-byte block (its byte 1 is overwritten);
 * `cipher` is an ECB encryptor under the deriving key, reused when the caller has one.
 */
export function deriveAesDukptKeyWith(cipher: Cipheriv, derivationData: Buffer, keyType: AesDukptKeyType): Buffer {
  const bytes = AES_DUKPT_KEY_TYPES[keyType].bits / 8;
  const blocks = Math.ceil(bytes / 16);
  if (blocks === 1) {
    derivationData[1] = 1;
    return cipher.update(derivationData);
  }
  const input = Buffer.allocUnsafe(32);
  derivationData.copy(input, 0);
  derivationData.copy(input, 16);
  input[1] = 1;
  input[17] = 2;
  const output = cipher.update(input);
  input.fill(0);
  if (bytes === 32) return output;
  const key = Buffer.from(output.subarray(0, bytes));
  output.fill(0);
  return key;
}

/** {@link deriveAesDukptKeyWith} with a fresh encryptor for `key`. */
export function deriveAesDukptKey(key: Buffer, derivationData: Buffer, keyType: AesDukptKeyType): Buffer {
  return deriveAesDukptKeyWith(createEncryptor("AES", key), derivationData, keyType);
}
