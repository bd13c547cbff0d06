import { Iso8583Error } from "./errors.ts";

/**
 * The integer minor units in an `n 12` amount field (`"000000001234"` → 1234).
 *
 * @throws Iso8583Error `INVALID_ARGUMENT` unless the text is exactly 12 digits.
 */
export function parseAmountField(text: string): number {
  if (typeof text !== "string" || text.length !== 12) {
    throw new Iso8583Error("INVALID_ARGUMENT", "amount field must be 12 digits");
  }
  let minor = 0;
  for (let i = 0; i < 12; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Iso8583Error("INVALID_ARGUMENT", "amount field must be 12 digits");
    minor = minor * 10 + d;
  }
  return minor;
}
