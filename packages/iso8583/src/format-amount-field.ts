import { Iso8583Error } from "./errors.ts";

const MAX_N12 = 999_999_999_999;

/**
 * An amount in integer minor units as an `n 12` field (4, 5, 6): zero-padded, no sign, no
 * decimal point (`1234` → `"000000001234"`). The currency goes in field 49.
 *
 * @throws Iso8583Error `INVALID_ARGUMENT` unless 0 ≤ minor ≤ 999 999 999 999 and an integer.
 */
export function formatAmountField(minor: number): string {
  if (!Number.isInteger(minor) || minor < 0 || minor > MAX_N12) {
    throw new Iso8583Error("INVALID_ARGUMENT", "amount must be an integer number of minor units, 0 to 999999999999");
  }
  return String(minor).padStart(12, "0");
}
