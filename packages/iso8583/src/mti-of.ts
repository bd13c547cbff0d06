import { compiledSpecOf } from "./compile-spec.ts";
import { Iso8583Error } from "./errors.ts";
import type { MessageSpec } from "./types.ts";

/**
 * The MTI of a packed message, read without decoding the rest: lets the link route a response
 * (or refuse an unexpected message type) before paying for a full unpack.
 *
 * @throws Iso8583Error `MTI_TRUNCATED` or `MTI_INVALID`.
 */
export function mtiOf(spec: MessageSpec, bytes: Uint8Array): string {
  const bcd = compiledSpecOf(spec).mtiBcd;
  const size = bcd ? 2 : 4;
  if (!(bytes instanceof Uint8Array) || bytes.length < size) {
    throw new Iso8583Error("MTI_TRUNCATED", `MTI needs ${size} bytes`, 0, 0);
  }
  let mti = "";
  for (let i = 0; i < 4; i++) {
    const b = bytes[bcd ? i >> 1 : i] ?? 0;
    const digit = bcd ? (i & 1 ? b & 15 : b >> 4) : b - 48;
    if (digit < 0 || digit > 9) throw new Iso8583Error("MTI_INVALID", "MTI is not 4 digits", 0, 0);
    mti += digit;
  }
  return mti;
}
