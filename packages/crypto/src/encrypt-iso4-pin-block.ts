// Hand-written from ISO 9564-1:2017 (format 4) on node:crypto AES: no maintained JS library does PIN blocks.
import { randomBytes as systemRandomBytes } from "node:crypto";
import { createEncryptor, xorInto } from "./apply-block-cipher.ts";
import { assertAesKey, assertBytes } from "./assert-bytes.ts";
import { assertPan, assertPin, encodeIso4PanField, encodeIso4PinField } from "./encode-pin-fields.ts";
import { CryptoError } from "./errors.ts";

/** Options of {@link encryptIso4PinBlock}. */
export type EncryptIso4PinBlockOptions = {
  /** The PIN, 4 to 12 digits. */
  readonly pin: string;
  /** The card's PAN, 8 to 19 digits (format 4 keeps every digit). */
  readonly pan: string;
  /** The AES PIN encryption key, 16, 24 or 32 bytes (e.g. an AES DUKPT `pinEncryption` key). */
  readonly key: Uint8Array;
  /**
   * Source of the 8-byte random fill; defaults to crypto.randomBytes. Only tests reproducing
   * published vectors inject it: a fixed fill makes equal PINs encrypt equally.
   */
  readonly randomBytes?: (size: number) => Uint8Array;
};

/**
 * Encrypts a PIN as an ISO 9564-1 format 4 PIN block (ISO 9564-1:2017 9.4): the plaintext PIN field
 * (with 8 random bytes) is AES-encrypted, XORed with the plaintext PAN field and encrypted again,
 * E(K, E(K, PIN field) ⊕ PAN field). Returns the 16-byte block. Format 4 is the AES PIN block that
 * X9.24-3 AES DUKPT readers send.
 */
export function encryptIso4PinBlock(options: EncryptIso4PinBlockOptions): Buffer {
  const key = assertAesKey(options.key, "key");
  const pin = assertPin(options.pin);
  const pan = assertPan(options.pan);
  const fill = assertBytes((options.randomBytes ?? systemRandomBytes)(8), "randomBytes", "DATA_LENGTH_INVALID");
  if (fill.length !== 8) throw new CryptoError("DATA_LENGTH_INVALID", "randomBytes must return 8 bytes", "randomBytes");
  const pinField = encodeIso4PinField(pin, fill);
  const panField = encodeIso4PanField(pan);
  const cipher = createEncryptor("AES", key);
  const intermediate = xorInto(cipher.update(pinField), panField);
  const block = cipher.update(intermediate);
  for (const secret of [pinField, panField, intermediate]) secret.fill(0);
  return block;
}
