// Internal arithmetic and input checks shared by the use cases; not exported from the package.
import { MoneyError } from "./errors.ts";
import { MAX_AMOUNT } from "./limits.ts";

const MAX_AMOUNT_BIG = BigInt(MAX_AMOUNT);

/**
 * Checks that `value` is an integer amount of minor units in 0..MAX_AMOUNT and returns it as a
 * BigInt. Every public entry point runs its inputs through this, so NaN, Infinity, fractions,
 * strings and negatives never reach the arithmetic.
 */
export function toAmount(value: unknown, param: string): bigint {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new MoneyError("INVALID_AMOUNT", `${param} must be an integer number of minor units`, param);
  }
  if (value < 0 || value > MAX_AMOUNT) {
    throw new MoneyError("AMOUNT_OUT_OF_RANGE", `${param} must be between 0 and ${MAX_AMOUNT}`, param);
  }
  return BigInt(value);
}

/**
 * Converts a computed amount back to a number, refusing anything above MAX_AMOUNT: a result that
 * overflows the bound is an error, never silently clipped.
 */
export function fromAmount(value: bigint, param: string): number {
  if (value < 0n || value > MAX_AMOUNT_BIG) {
    throw new MoneyError("AMOUNT_OUT_OF_RANGE", `${param} would be outside 0..${MAX_AMOUNT}`, param);
  }
  return Number(value);
}

/** True when `value` is an integer number in `min..max`. */
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * numerator / denominator rounded half-up (ties go away from zero) for numerator >= 0 and
 * denominator > 0. Written as floor((2n + d) / 2d) so it stays in exact integer arithmetic.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}
