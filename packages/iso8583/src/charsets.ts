import type { ContentCheck, ContentType } from "./types.ts";

// Internal: 256-entry lookup tables, one per content type, so that checking a character on the
// hot path is one array read instead of a regex or a chain of comparisons.

const SPACE = 0x20;

function table(accept: (code: number) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) t[c] = accept(c) ? 1 : 0;
  return t;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isPrintable = (c: number): boolean => c >= SPACE && c <= 0x7e;
// ISO 8583 "special characters" are the printable ISO 646 characters that are neither letters
// nor digits; the space is one of them.
const isSpecial = (c: number): boolean => isPrintable(c) && !isDigit(c) && !isLetter(c);

/** Every printable ASCII character (0x20-0x7E); what `contentCheck: "printable"` accepts. */
export const PRINTABLE = table(isPrintable);

/** Digits only: numeric fields, and the digits of `x+n`. */
export const DIGITS = table(isDigit);

// `a` and `an` accept the space although the standard counts it as special: fixed alphabetic
// fields are blank-padded (response code, authorization code), and every source we checked
// carries blanks in `an` fields (moov-io's 0210 field 48), so refusing them refuses real traffic.
const BY_CONTENT: Readonly<Record<Exclude<ContentType, "b">, Uint8Array>> = {
  n: DIGITS,
  a: table((c) => isLetter(c) || c === SPACE),
  an: table((c) => isLetter(c) || isDigit(c) || c === SPACE),
  as: table((c) => isLetter(c) || isSpecial(c)),
  ns: table((c) => isDigit(c) || isSpecial(c)),
  s: table(isSpecial),
  ans: PRINTABLE,
  // Track 2 code set as carried in field 35: digits and the field separator, written "=" or "D".
  z: table((c) => isDigit(c) || c === 0x3d || c === 0x44),
  "x+n": DIGITS,
};

/** The characters a text field of this content type may hold, under the given check. */
export function charsetFor(content: Exclude<ContentType, "b">, check: ContentCheck): Uint8Array {
  return check === "printable" ? PRINTABLE : BY_CONTENT[content];
}

/** The sign characters an `x+n` field may start with: C (credit) or D (debit). */
export const SIGNS = table((c) => c === 0x43 || c === 0x44);

/** Hex digit value of an ASCII byte, or -1; accepts both cases, since peers differ. */
export const HEX_VALUE: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[0x41 + i] = 10 + i;
    t[0x61 + i] = 10 + i;
  }
  return t;
})();

/** Uppercase hex character codes, by nibble value. */
export const HEX_CHAR = Uint8Array.from("0123456789ABCDEF", (ch) => ch.charCodeAt(0));
