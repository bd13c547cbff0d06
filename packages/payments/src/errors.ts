/** Stable codes of the payments context; the HTTP layer maps each to a status. */
export type PaymentsErrorCode =
  | "NOT_FOUND"
  | "UNEXPECTED_STATE"
  | "ORDER_NOT_OPEN"
  | "AMOUNT_EXCEEDS_BALANCE"
  | "AMOUNT_EXCEEDS_AUTHORIZED"
  | "REFUND_EXCEEDS_CAPTURED"
  | "REFUND_QUANTITY_EXCEEDED"
  | "CURRENCY_MISMATCH"
  | "CASH_TENDERED_TOO_LOW"
  | "NOTHING_TO_CLOSE"
  | "INVALID_REQUEST";

/** The base error of the payments context. */
export class PaymentsError extends Error {
  readonly code: PaymentsErrorCode;
  readonly param: string | undefined;
  constructor(code: PaymentsErrorCode, message: string, param?: string) {
    super(message);
    this.name = "PaymentsError";
    this.code = code;
    this.param = param;
  }
}
