import { Iso8583Error } from "./errors.ts";

/**
 * Field 11, the system trace audit number, as 6 digits (`42` → `"000042"`). STAN 0 is refused:
 * the sequence runs 1..999999 and `000000` reads as "not set" to many hosts.
 *
 * @throws Iso8583Error `INVALID_ARGUMENT` unless 1 ≤ stan ≤ 999999 and an integer.
 */
export function formatStan(stan: number): string {
  if (!Number.isInteger(stan) || stan < 1 || stan > 999_999) {
    throw new Iso8583Error("INVALID_ARGUMENT", "STAN must be an integer from 1 to 999999");
  }
  return String(stan).padStart(6, "0");
}
