import { formatStan } from "./format-stan.ts";

/**
 * The STAN after `stan`, wrapping from 999999 to 1 (the sequence never yields 0).
 *
 * @throws Iso8583Error `INVALID_ARGUMENT` unless 1 ≤ stan ≤ 999999 and an integer.
 */
export function nextStan(stan: number): number {
  formatStan(stan);
  return stan === 999_999 ? 1 : stan + 1;
}
