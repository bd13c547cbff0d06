import { MoneyError } from "./errors.ts";
import { ISO_4217_TABLE } from "./iso-4217-table.ts";

/** An active ISO 4217 currency. */
export interface CurrencyInfo {
  /** Alphabetic code, three uppercase letters, e.g. `"EUR"`. */
  readonly code: string;
  /** Numeric code as three digits with leading zeros, e.g. `"978"` (ISO 8583 field 49). */
  readonly numericCode: string;
  /** Decimal places of the minor unit: 2 for EUR (cents), 0 for JPY, 3 for KWD (fils), 4 for CLF. */
  readonly minorUnits: number;
  /** The ISO English name, e.g. `"Pound Sterling"`. */
  readonly name: string;
}

// A Map, not an object literal: a lookup of "__proto__" or "toString" must find nothing.
const BY_CODE: ReadonlyMap<string, CurrencyInfo> = new Map(
  ISO_4217_TABLE.map(([code, numericCode, minorUnits, name]) => [
    code,
    Object.freeze({ code, numericCode, minorUnits, name }),
  ]),
);

/**
 * Looks up an active ISO 4217 currency by its alphabetic code. The match is exact and
 * case-sensitive (`"usd"` is not a currency) so that one currency has one spelling everywhere it
 * is stored and compared. Returns `undefined` for unknown, withdrawn or minor-unit-less codes
 * (see `iso-4217-table.ts`). The returned object is frozen.
 */
export function currencyInfo(code: string): CurrencyInfo | undefined {
  if (typeof code !== "string") return undefined;
  return BY_CODE.get(code);
}

/** True when `code` is an active ISO 4217 alphabetic code, uppercase, that {@link currencyInfo} knows. */
export function isCurrency(code: string): boolean {
  return currencyInfo(code) !== undefined;
}

/** Every currency {@link currencyInfo} knows, sorted by code (for pickers and Zod enums). */
export function listCurrencies(): readonly CurrencyInfo[] {
  return [...BY_CODE.values()];
}

/** Internal: the currency or a MoneyError("UNKNOWN_CURRENCY"); not exported from the package. */
export function requireCurrency(code: unknown, param: string): CurrencyInfo {
  const info = typeof code === "string" ? BY_CODE.get(code) : undefined;
  if (info === undefined) {
    throw new MoneyError("UNKNOWN_CURRENCY", `${param} must be an active ISO 4217 code in uppercase`, param);
  }
  return info;
}
