/**
 * The largest amount, in minor units, that any input or result of this package may hold:
 * 99,999,999,999 (eleven nines). It is $999,999,999.99 in a two-decimal currency, far above any
 * till sale, it fits the 12-digit amount fields of ISO 8583 (DE4) with room to spare, and it keeps
 * every amount a safe integer (below 2^53) so a JSON number round-trips exactly.
 */
export const MAX_AMOUNT = 99_999_999_999;

/** The largest quantity on one order line; quantities are whole units from 1 to this. */
export const MAX_QUANTITY = 10_000;

/** Basis points in 100 %: rates and percent discounts are integers in 1/100 of a percent. */
export const BPS_PER_UNIT = 10_000;

/** The highest tax rate accepted, in basis points (100 %); the lowest is 0. */
export const MAX_TAX_RATE_BPS = 10_000;

/**
 * The most lines one order may have. Real baskets stay in the tens; the cap bounds the work a
 * single request can cause (BigInt arithmetic per line), whatever validation ran before us.
 */
export const MAX_ORDER_LINES = 1_000;

/** The most order-level discounts one order may carry, for the same reason as {@link MAX_ORDER_LINES}. */
export const MAX_ORDER_DISCOUNTS = 20;
