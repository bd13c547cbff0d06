// Hand-written from ISO 9564-1:2017 (format 0) on node:crypto TDES: no maintained JS library does PIN blocks.

import { encryptBlocks } from "./apply-block-cipher.ts";
import { assertTdesKey } from "./assert-bytes.ts";
import { encodeIso0PinBlock } from "./encode-iso0-pin-block.ts";

/** Options of {@link encryptIso0PinBlock}. */
export type EncryptIso0PinBlockOptions = {
  /** The PIN, 4 to 12 digits. */
  readonly pin: string;
  /** The card's PAN, 8 to 19 digits. */
  readonly pan: string;
  /** The PIN encryption key: TDES, 16 or 24 bytes (e.g. a TDES DUKPT `pin` working key). */
  readonly key: Uint8Array;
};

/**
 * Builds an ISO 9564-1 format 0 PIN block and encrypts it with TDES-ECB (ISO 9564-1:2017 9.3.1,
 * X9.24-1:2009 A.4). Returns the 8-byte encrypted block.
 */
export function encryptIso0PinBlock(options: EncryptIso0PinBlockOptions): Buffer {
  const key = assertTdesKey(options.key, "key");
  const clear = encodeIso0PinBlock({ pin: options.pin, pan: options.pan });
  const encrypted = encryptBlocks("TDES", key, clear);
  clear.fill(0);
  return encrypted;
}
