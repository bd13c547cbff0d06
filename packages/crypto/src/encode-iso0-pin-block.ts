// Hand-written from ISO 9564-1:2017 (format 0) on Buffers: no maintained JS library does PIN blocks.
import { xorInto } from "./apply-block-cipher.ts";
import { assertPan, assertPin, encodeIso0PanField, encodeIso0PinField } from "./encode-pin-fields.ts";

/** Options of {@link encodeIso0PinBlock}. */
export type EncodeIso0PinBlockOptions = {
  /** The PIN, 4 to 12 digits. */
  readonly pin: string;
  /** The card's PAN, 8 to 19 digits (the check digit is dropped by the format). */
  readonly pan: string;
};

/**
 * The clear ISO 9564-1 format 0 (ANSI X9.8) PIN block: PIN field ⊕ PAN field, 8 bytes
 * (ISO 9564-1:2017 9.3.1). Never store or log it: it is PIN-equivalent (PCI PIN).
 */
export function encodeIso0PinBlock(options: EncodeIso0PinBlockOptions): Buffer {
  const pin = assertPin(options.pin);
  const pan = assertPan(options.pan);
  const panField = encodeIso0PanField(pan);
  const block = xorInto(encodeIso0PinField(pin), panField);
  panField.fill(0);
  return block;
}
