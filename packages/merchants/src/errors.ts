/** Stable codes of the merchants context. */
export type MerchantsErrorCode = "NOT_FOUND" | "SKU_TAKEN" | "CURRENCY_MISMATCH" | "INVALID_API_KEY";

/** The base error of the merchants context; the HTTP layer maps `code` to a status. */
export class MerchantsError extends Error {
  readonly code: MerchantsErrorCode;
  readonly param: string | undefined;
  constructor(code: MerchantsErrorCode, message: string, param?: string) {
    super(message);
    this.name = "MerchantsError";
    this.code = code;
    this.param = param;
  }
}
