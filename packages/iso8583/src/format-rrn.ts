import { Iso8583Error } from "./errors.ts";
import { formatStan } from "./format-stan.ts";

/**
 * Field 37, a retrieval reference number, in the common `YDDDhhSSSSSS` layout: last digit of the
 * UTC year, UTC day of the year (001-366), UTC hour, then the 6-digit STAN — unique for a
 * terminal over ten years as long as the STAN does not wrap within an hour.
 *
 * @throws Iso8583Error `INVALID_ARGUMENT` for an invalid Date or STAN.
 */
export function formatRrn(date: Date, stan: number): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new Iso8583Error("INVALID_ARGUMENT", "RRN needs a valid Date");
  }
  const year = date.getUTCFullYear();
  const dayOfYear = Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  const hour = date.getUTCHours();
  return `${year % 10}${String(dayOfYear).padStart(3, "0")}${hour < 10 ? "0" : ""}${hour}${formatStan(stan)}`;
}
