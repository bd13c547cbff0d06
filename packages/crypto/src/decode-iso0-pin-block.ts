// Hand-written from ISO 9564-1:2017 (format 0) on Buffers: no maintained JS library does PIN blocks.

import { xor } from "./apply-block-cipher.ts";
import { assertLength } from "./assert-bytes.ts";
import { assertPan, decodePinField, encodeIso0PanField } from "./encode-pin-fields.ts";

/** Options of {@link decodeIso0PinBlock}. */
export type DecodeIso0PinBlockOptions = {
  /** The clear 8-byte format 0 PIN block. */
  readonly pinBlock: Uint8Array;
  /** The PAN the block was built with. */
  readonly pan: string;
};

/**
 * Recovers the PIN from a clear ISO 9564-1 format 0 PIN block (ISO 9564-1:2017 9.3.1), checking the
 * control nibble, PIN length and F fill; a wrong PAN almost always fails that check
 * (`PIN_BLOCK_INVALID`).
 */
export function decodeIso0PinBlock(options: DecodeIso0PinBlockOptions): string {
  const block = assertLength(options.pinBlock, [8], "pinBlock", "PIN_BLOCK_INVALID");
  const pan = assertPan(options.pan);
  const panField = encodeIso0PanField(pan);
  const field = xor(block, panField);
  try {
    return decodePinField(field, 0);
  } finally {
    field.fill(0);
    panField.fill(0);
  }
}
