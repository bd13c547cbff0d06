import type { LineTotals } from "./compute-order-totals.ts";
import { MoneyError } from "./errors.ts";
import { divideRoundHalfUp, toAmount } from "./integers.ts";
import { checkRefundQuantities } from "./line-refund-amount.ts";

/** What a partial refund of one line gives back, in minor units. */
export interface LineRefund {
  /** Paid back to the customer; the same number {@link lineRefundAmount} returns. */
  totalAmount: number;
  /** The tax inside `totalAmount`, for the tax return and the credit note. */
  taxAmount: number;
  /** `totalAmount − taxAmount`: the part of the refund that is not tax; never negative. */
  netOfTaxAmount: number;
}

/**
 * Like {@link lineRefundAmount}, and also splits the refund into tax and the rest. The money
 * follows the cumulative schedule `cumulative(k) = round_half_up(T × k / n)`; the tax follows the
 * money: once `cumulative(k)` of the line's total `T` has been refunded, the tax refunded so far is
 * `round_half_up(X × cumulative(k) / T)`, `X` being the line's `taxAmount`. So:
 * - across all refunds of a line the refunded tax sums to exactly `X` (what was reported as
 *   collected is exactly what is reversed), as the money sums to exactly `T`;
 * - a refund's tax is never more than the refund (a schedule over units instead could give 1 unit
 *   of tax on a 0 refund when the line total is smaller than its quantity);
 * - batching changes nothing, as for the money.
 *
 * @throws MoneyError as {@link lineRefundAmount}, and `INVALID_AMOUNT` when the line's tax is
 *   larger than its total (not a line computeOrderTotals produced).
 */
export function computeLineRefund(
  line: LineTotals,
  lineQuantity: number,
  refundQuantity: number,
  alreadyRefundedQuantity = 0,
): LineRefund {
  if (typeof line !== "object" || line === null) {
    throw new MoneyError("INVALID_AMOUNT", "line must be the LineTotals of the refunded line", "line");
  }
  const total = toAmount(line.totalAmount, "line.totalAmount");
  const tax = toAmount(line.taxAmount, "line.taxAmount");
  if (tax > total) {
    throw new MoneyError("INVALID_AMOUNT", "line.taxAmount cannot exceed line.totalAmount", "line.taxAmount");
  }
  checkRefundQuantities(lineQuantity, refundQuantity, alreadyRefundedQuantity);
  const n = BigInt(lineQuantity);
  const before = divideRoundHalfUp(total * BigInt(alreadyRefundedQuantity), n);
  const after = divideRoundHalfUp(total * BigInt(alreadyRefundedQuantity + refundQuantity), n);
  // total > 0 here unless both are 0, and then no tax was refunded either.
  const taxUpTo = (refunded: bigint): bigint => (total === 0n ? 0n : divideRoundHalfUp(tax * refunded, total));
  const totalShare = after - before;
  const taxShare = taxUpTo(after) - taxUpTo(before);
  return {
    totalAmount: Number(totalShare),
    taxAmount: Number(taxShare),
    netOfTaxAmount: Number(totalShare - taxShare),
  };
}
