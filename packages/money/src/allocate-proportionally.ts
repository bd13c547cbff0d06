import { MoneyError } from "./errors.ts";
import { toAmount } from "./integers.ts";
import { MAX_ORDER_LINES } from "./limits.ts";

/**
 * Splits `amount` minor units into integer shares proportional to `weights`, by the largest
 * remainder (Hamilton) method, so the shares always sum to exactly `amount`:
 *
 * 1. every share starts at floor(amount × weight / Σweights);
 * 2. the minor units still missing (fewer than the number of weights) go one each to the shares
 *    with the largest remainders; ties go to the earlier index, so the result is deterministic.
 *
 * A share is never negative and never exceeds its weight when `amount <= Σweights` (which is how
 * order discounts use it, so no line is discounted below zero). A zero weight gets a zero share.
 *
 * @param amount integer minor units, 0..MAX_AMOUNT.
 * @param weights integers 0..MAX_AMOUNT, 1..MAX_ORDER_LINES of them; their sum must be positive
 *   unless `amount` is 0.
 * @throws MoneyError `INVALID_AMOUNT` / `AMOUNT_OUT_OF_RANGE` for a bad amount or weight,
 *   `INVALID_WEIGHTS` for an empty, oversized or all-zero (with a positive amount) weight list.
 * @example allocateProportionally(100, [1, 1, 1]) // [34, 33, 33]
 */
export function allocateProportionally(amount: number, weights: number[]): number[] {
  const total = toAmount(amount, "amount");
  if (!Array.isArray(weights) || weights.length === 0 || weights.length > MAX_ORDER_LINES) {
    throw new MoneyError("INVALID_WEIGHTS", `weights must hold 1..${MAX_ORDER_LINES} integers`, "weights");
  }
  const w = weights.map((weight, i) => toAmount(weight, `weights[${i}]`));
  return allocateExact(total, w).map(Number);
}

/**
 * Internal BigInt form of {@link allocateProportionally}, used by the order totals so no value
 * round-trips through a float. Inputs are already validated.
 */
export function allocateExact(amount: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    if (amount === 0n) return weights.map(() => 0n);
    throw new MoneyError("INVALID_WEIGHTS", "cannot allocate a positive amount over weights that sum to 0", "weights");
  }
  // amount × weight reaches 10^22, past 2^53: exact BigInt, never Number.
  const shares = weights.map((weight) => (amount * weight) / sum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (amount * weight) % sum }));
  let missing = amount - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (missing === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    missing -= 1n;
  }
  return shares;
}
