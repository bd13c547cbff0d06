import type { LineTotals } from "./compute-order-totals.ts";
import { MoneyError } from "./errors.ts";
import { divideRoundHalfUp, isIntegerIn, toAmount } from "./integers.ts";
import { MAX_QUANTITY } from "./limits.ts";

/**
 * The amount to give back when `refundQuantity` units of a line are refunded: the units' pro-rata
 * share of the line's `totalAmount` (the discounted, tax-inclusive amount the customer paid for
 * the line; the order's tip is never part of a line).
 *
 * A line of `n` units that cost `T` in total is refunded along a fixed schedule: the first `k`
 * units refunded are worth `cumulative(k) = round_half_up(T × k / n)`. A refund of `q` units after
 * `r` were already refunded is `cumulative(r + q) − cumulative(r)`. Because `cumulative(n) = T`,
 * refunding every unit, one at a time or in any batches, sums to exactly `T`, and the same units
 * cost the same whichever way they are batched (refunding 2 at once equals refunding 1 then 1).
 * Two units never differ by more than one minor unit.
 *
 * Keep track of the units already refunded and pass them as `alreadyRefundedQuantity`: with the
 * default 0, each call prices the *first* units of the line, which is right for one partial refund
 * and wrong for the second. {@link computeLineRefund} gives the tax part along the same schedule.
 *
 * @param line the line as priced by computeOrderTotals (only `totalAmount` is used).
 * @param lineQuantity the line's quantity as sold, 1..10000.
 * @param refundQuantity units refunded now, 1..(lineQuantity − alreadyRefundedQuantity).
 * @param alreadyRefundedQuantity units of this line refunded before, 0..lineQuantity − 1.
 * @throws MoneyError `INVALID_QUANTITY` for quantities outside those ranges, `INVALID_AMOUNT` /
 *   `AMOUNT_OUT_OF_RANGE` for a bad `line.totalAmount`.
 * @example
 * // a line of 3 units that cost 1000 in total refunds as 333, 334, 333
 * lineRefundAmount(line, 3, 1, 0); // 333
 * lineRefundAmount(line, 3, 1, 1); // 334
 * lineRefundAmount(line, 3, 1, 2); // 333
 */
export function lineRefundAmount(
  line: LineTotals,
  lineQuantity: number,
  refundQuantity: number,
  alreadyRefundedQuantity = 0,
): number {
  if (typeof line !== "object" || line === null) {
    throw new MoneyError("INVALID_AMOUNT", "line must be the LineTotals of the refunded line", "line");
  }
  const total = toAmount(line.totalAmount, "line.totalAmount");
  checkRefundQuantities(lineQuantity, refundQuantity, alreadyRefundedQuantity);
  return Number(shareOf(total, lineQuantity, refundQuantity, alreadyRefundedQuantity));
}

/**
 * Internal: validates the three quantities of a partial refund.
 * Invariant it protects: a line is never refunded for more units than were sold.
 */
export function checkRefundQuantities(lineQuantity: number, refundQuantity: number, already: number): void {
  if (!isIntegerIn(lineQuantity, 1, MAX_QUANTITY)) {
    throw new MoneyError("INVALID_QUANTITY", `lineQuantity must be an integer 1..${MAX_QUANTITY}`, "lineQuantity");
  }
  if (!isIntegerIn(already, 0, lineQuantity - 1)) {
    throw new MoneyError(
      "INVALID_QUANTITY",
      "alreadyRefundedQuantity must be an integer 0..lineQuantity − 1",
      "alreadyRefundedQuantity",
    );
  }
  if (!isIntegerIn(refundQuantity, 1, lineQuantity - already)) {
    throw new MoneyError(
      "INVALID_QUANTITY",
      "refundQuantity must be an integer 1..(lineQuantity − alreadyRefundedQuantity)",
      "refundQuantity",
    );
  }
}

/** Internal: cumulative(already + q) − cumulative(already) of `amount` over `n` units. */
export function shareOf(amount: bigint, n: number, q: number, already: number): bigint {
  const cumulative = (k: number): bigint => divideRoundHalfUp(amount * BigInt(k), BigInt(n));
  return cumulative(already + q) - cumulative(already);
}
