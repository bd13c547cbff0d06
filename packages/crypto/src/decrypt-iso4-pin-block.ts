// Hand-written from ISO 9564-1:2017 (format 4) on node:crypto AES: no maintained JS library does PIN blocks.

import { createDecryptor, xorInto } from "./apply-block-cipher.ts";
import { assertAesKey, assertLength } from "./assert-bytes.ts";
import { assertPan, decodePinField, encodeIso4PanField } from "./encode-pin-fields.ts";

/** Options of {@link decryptIso4PinBlock}. */
export type DecryptIso4PinBlockOptions = {
  /** The 16-byte encrypted format 4 PIN block. */
  readonly encryptedPinBlock: Uint8Array;
  /** The PAN the block was built with. */
  readonly pan: string;
  /** The AES PIN encryption key, 16, 24 or 32 bytes. */
  readonly key: Uint8Array;
};

/**
 * Decrypts an ISO 9564-1 format 4 PIN block (ISO 9564-1:2017 9.4.3): D(K, D(K, block) ⊕ PAN field),
 * then checks the control nibble, PIN length and A fill and returns the PIN. A wrong key or PAN is
 * refused with `PIN_BLOCK_INVALID`.
 */
export function decryptIso4PinBlock(options: DecryptIso4PinBlockOptions): string {
  const key = assertAesKey(options.key, "key");
  const block = assertLength(options.encryptedPinBlock, [16], "encryptedPinBlock", "PIN_BLOCK_INVALID");
  const pan = assertPan(options.pan);
  const panField = encodeIso4PanField(pan);
  const decipher = createDecryptor("AES", key);
  const intermediate = xorInto(decipher.update(block), panField);
  const pinField = decipher.update(intermediate);
  try {
    return decodePinField(pinField, 4);
  } finally {
    for (const secret of [panField, intermediate, pinField]) secret.fill(0);
  }
}
