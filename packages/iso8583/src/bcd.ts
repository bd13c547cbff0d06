// Internal: packed-decimal lookup tables shared by pack and unpack.

/** Nibble value of a numeric character, or -1. */
export const NUMERIC_NIBBLE: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  return t;
})();

/** Nibble value of a track 2 character: digits, and the separator "=" (or "D") as nibble D. */
export const TRACK_NIBBLE: Int8Array = (() => {
  const t = Int8Array.from(NUMERIC_NIBBLE);
  t[0x3d] = 0xd;
  t[0x44] = 0xd;
  return t;
})();

/** Character of a numeric nibble ("" for A-F, which numeric data never holds). */
export const NUMERIC_CHAR: readonly string[] = Array.from({ length: 16 }, (_, n) => (n < 10 ? String(n) : ""));

/** Character of a track 2 nibble: digits, and D read back as the separator "=". */
export const TRACK_CHAR: readonly string[] = NUMERIC_CHAR.map((ch, n) => (n === 0xd ? "=" : ch));

/** The two characters of a packed byte, high nibble first ("" when a nibble is not a digit). */
export const NUMERIC_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  NUMERIC_CHAR[b >> 4] && NUMERIC_CHAR[b & 15] ? `${NUMERIC_CHAR[b >> 4]}${NUMERIC_CHAR[b & 15]}` : "",
);

/** As NUMERIC_PAIRS, with nibble D read as the track 2 separator "=". */
export const TRACK_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  TRACK_CHAR[b >> 4] && TRACK_CHAR[b & 15] ? `${TRACK_CHAR[b >> 4]}${TRACK_CHAR[b & 15]}` : "",
);
