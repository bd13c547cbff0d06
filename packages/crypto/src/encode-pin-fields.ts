// Hand-written from ISO 9564-1:2017 (formats 0 and 4): no maintained JS library does PIN blocks.
import { CryptoError } from "./errors.ts";

/** Checks a PIN is 4 to 12 decimal digits (ISO 9564-1:2017 5.2: PIN length 4-12). */
export function assertPin(pin: unknown): string {
  if (typeof pin !== "string" || !/^[0-9]{4,12}$/.test(pin)) {
    throw new CryptoError("PIN_INVALID", "pin must be 4 to 12 decimal digits", "pin");
  }
  return pin;
}

/** Checks a PAN is 8 to 19 decimal digits (ISO/IEC 7812-1). */
export function assertPan(pan: unknown): string {
  if (typeof pan !== "string" || !/^[0-9]{8,19}$/.test(pan)) {
    throw new CryptoError("PAN_INVALID", "pan must be 8 to 19 decimal digits", "pan");
  }
  return pan;
}

/** Packs a string of hex nibbles (digits and A-F fills) into bytes. */
function pack(nibbles: string): Buffer {
  return Buffer.from(nibbles, "hex");
}

/**
 * Format 0 PIN field (ISO 9564-1:2017 9.3.1): control 0, PIN length, PIN, F fill to 16 nibbles.
 */
export function encodeIso0PinField(pin: string): Buffer {
  return pack(`0${pin.length.toString(16)}${pin}`.padEnd(16, "F"));
}

/**
 * Format 0 PAN field (ISO 9564-1:2017 9.3.1): 0000 then the 12 rightmost PAN digits excluding the
 * check digit, left-padded with zeros when the PAN is shorter.
 */
export function encodeIso0PanField(pan: string): Buffer {
  const digits = pan.slice(0, -1).slice(-12).padStart(12, "0");
  return pack(`0000${digits}`);
}

/**
 * Format 4 plaintext PIN field (ISO 9564-1:2017 9.4.2): control 4, PIN length, PIN, A fill to
 * 16 nibbles, then 8 random bytes.
 */
export function encodeIso4PinField(pin: string, fill: Buffer): Buffer {
  return Buffer.concat([pack(`4${pin.length.toString(16)}${pin}`.padEnd(16, "A")), fill]);
}

/**
 * Format 4 plaintext PAN field (ISO 9564-1:2017 9.4.2): one nibble of PAN length minus 12 (0 when
 * shorter), the PAN right-justified in at least 12 digits, zero fill to 32 nibbles.
 */
export function encodeIso4PanField(pan: string): Buffer {
  const m = Math.max(0, pan.length - 12);
  return pack(`${m.toString(16)}${pan.padStart(12, "0")}`.padEnd(32, "0"));
}

/**
 * Reads the PIN out of a plaintext PIN field of `format` (0 or 4), checking the control nibble,
 * the length and the fill. Errors never include any digit of the field.
 */
export function decodePinField(field: Buffer, format: 0 | 4): string {
  const nibbles = field.subarray(0, 8).toString("hex").toUpperCase();
  const length = Number.parseInt(nibbles[1] ?? "", 16);
  const fill = format === 0 ? "F" : "A";
  const valid =
    nibbles[0] === String(format) &&
    length >= 4 &&
    length <= 12 &&
    /^[0-9]+$/.test(nibbles.slice(2, 2 + length)) &&
    nibbles.slice(2 + length) === fill.repeat(14 - length);
  if (!valid) {
    throw new CryptoError(
      "PIN_BLOCK_INVALID",
      `PIN block does not decode to a format ${format} PIN field (wrong key, PAN or format)`,
      "pinBlock",
    );
  }
  return nibbles.slice(2, 2 + length);
}
