export { allocateProportionally } from "./allocate-proportionally.ts";
export { computeLineRefund, type LineRefund } from "./compute-line-refund.ts";
export {
  computeOrderTotals,
  type Discount,
  type LineTotals,
  type OrderLineInput,
  type OrderTotals,
  type OrderTotalsInput,
} from "./compute-order-totals.ts";
export { type CurrencyInfo, currencyInfo, isCurrency, listCurrencies } from "./currency-info.ts";
export { MoneyError, type MoneyErrorCode } from "./errors.ts";
export { formatAmount } from "./format-amount.ts";
export {
  BPS_PER_UNIT,
  MAX_AMOUNT,
  MAX_ORDER_DISCOUNTS,
  MAX_ORDER_LINES,
  MAX_QUANTITY,
  MAX_TAX_RATE_BPS,
} from "./limits.ts";
export { lineRefundAmount } from "./line-refund-amount.ts";
