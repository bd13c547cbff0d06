/**
 * Stable codes of the money package. The HTTP layer maps every one of them to 400 (the input is
 * wrong); none of them is an expected business outcome.
 */
export type MoneyErrorCode =
  | "UNKNOWN_CURRENCY"
  | "INVALID_AMOUNT"
  | "AMOUNT_OUT_OF_RANGE"
  | "INVALID_QUANTITY"
  | "INVALID_TAX_RATE"
  | "INVALID_DISCOUNT"
  | "DISCOUNT_EXCEEDS_AMOUNT"
  | "INVALID_WEIGHTS"
  | "INVALID_ORDER"
  | "INVALID_LOCALE";

/**
 * The base error of the money package. `param` names the offending input (for example
 * `lines[2].quantity`) so an API error can point at the field, Stripe-style.
 */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  readonly param: string | undefined;
  constructor(code: MoneyErrorCode, message: string, param?: string) {
    super(message);
    this.name = "MoneyError";
    this.code = code;
    this.param = param;
  }
}
