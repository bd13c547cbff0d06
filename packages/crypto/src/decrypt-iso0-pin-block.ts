// Hand-written from ISO 9564-1:2017 (format 0) on node:crypto TDES: no maintained JS library does PIN blocks.

import { decryptBlocks } from "./apply-block-cipher.ts";
import { assertLength, assertTdesKey } from "./assert-bytes.ts";
import { decodeIso0PinBlock } from "./decode-iso0-pin-block.ts";

/** Options of {@link decryptIso0PinBlock}. */
export type DecryptIso0PinBlockOptions = {
  /** The 8-byte encrypted format 0 PIN block. */
  readonly encryptedPinBlock: Uint8Array;
  /** The PAN the block was built with. */
  readonly pan: string;
  /** The TDES PIN encryption key, 16 or 24 bytes. */
  readonly key: Uint8Array;
};

/**
 * Decrypts an ISO 9564-1 format 0 PIN block (TDES-ECB) and returns the PIN. A wrong key or PAN is
 * refused with `PIN_BLOCK_INVALID` (the decoded field does not have the format's structure).
 */
export function decryptIso0PinBlock(options: DecryptIso0PinBlockOptions): string {
  const key = assertTdesKey(options.key, "key");
  const encrypted = assertLength(options.encryptedPinBlock, [8], "encryptedPinBlock", "PIN_BLOCK_INVALID");
  const clear = decryptBlocks("TDES", key, encrypted);
  try {
    return decodeIso0PinBlock({ pinBlock: clear, pan: options.pan });
  } finally {
    clear.fill(0);
  }
}
