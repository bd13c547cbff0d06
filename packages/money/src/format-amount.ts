import { requireCurrency } from "./currency-info.ts";
import { MoneyError } from "./errors.ts";
import { MAX_AMOUNT } from "./limits.ts";

/**
 * Formats integer minor units for a receipt or the CLI with `Intl.NumberFormat`, e.g.
 * `formatAmount(123456, "USD")` → `"$1,234.56"`, `formatAmount(1338, "JPY")` → `"¥1,338"`,
 * `formatAmount(2837, "KWD")` → `"KWD 2.837"` (with a no-break space).
 *
 * Always shows exactly the ISO 4217 number of decimals (CLDR, which Intl follows, shows fewer for
 * some currencies, e.g. IQD), so the printed figure is the exact amount charged, never a rounded
 * one. The minor units are turned into a decimal string and handed to Intl as a string, so no
 * float ever holds the amount. Negative amounts (refunds) are allowed here.
 *
 * @param amount integer minor units, −MAX_AMOUNT..MAX_AMOUNT.
 * @param currency active uppercase ISO 4217 code.
 * @param locale BCP 47 tag; defaults to `"en-US"` rather than the host's locale so the same receipt
 *   prints the same on every server.
 * @throws MoneyError `INVALID_AMOUNT`, `AMOUNT_OUT_OF_RANGE`, `UNKNOWN_CURRENCY`, `INVALID_LOCALE`.
 */
export function formatAmount(amount: number, currency: string, locale = "en-US"): string {
  if (typeof amount !== "number" || !Number.isInteger(amount)) {
    throw new MoneyError("INVALID_AMOUNT", "amount must be an integer number of minor units", "amount");
  }
  if (Math.abs(amount) > MAX_AMOUNT) {
    throw new MoneyError("AMOUNT_OUT_OF_RANGE", `amount must be between −${MAX_AMOUNT} and ${MAX_AMOUNT}`, "amount");
  }
  const { code, minorUnits } = requireCurrency(currency, "currency");
  let formatter: Intl.NumberFormat;
  try {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: code,
      minimumFractionDigits: minorUnits,
      maximumFractionDigits: minorUnits,
    });
  } catch {
    throw new MoneyError("INVALID_LOCALE", "locale must be a valid BCP 47 language tag", "locale");
  }
  return formatter.format(toDecimalString(amount, minorUnits));
}

/** 123456 with 2 minor units → "1234.56"; exact, via BigInt. */
function toDecimalString(amount: number, minorUnits: number): `${number}` {
  const sign = amount < 0 ? "-" : "";
  const abs = BigInt(Math.abs(amount));
  if (minorUnits === 0) return `${sign}${abs}` as `${number}`;
  const scale = 10n ** BigInt(minorUnits);
  const fraction = (abs % scale).toString().padStart(minorUnits, "0");
  return `${sign}${abs / scale}.${fraction}` as `${number}`;
}
