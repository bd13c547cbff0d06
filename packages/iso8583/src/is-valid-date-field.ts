import type { DateFormat } from "./types.ts";

// Internal: calendar checks for the date/time numeric fields (7, 12-17, 73). The characters are
// already known to be digits when this runs, so it only reads char codes: no parsing, no Date.

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function two(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

function isMonthDay(text: string, at: number): boolean {
  const month = two(text, at);
  if (month < 1 || month > 12) return false;
  const day = two(text, at + 2);
  // February 29 is accepted: MMDD carries no year, so a leap day cannot be ruled out.
  return day >= 1 && day <= (DAYS_IN_MONTH[month] ?? 0);
}

function isTime(text: string, at: number): boolean {
  return two(text, at) <= 23 && two(text, at + 2) <= 59 && two(text, at + 4) <= 59;
}

/**
 * Whether a field of digits is a real date/time in the given layout. Internal to the codec: the
 * standard defines these fields as dates, and a value like month 90 means a broken peer.
 */
export function isValidDateField(format: DateFormat, text: string): boolean {
  switch (format) {
    case "MMDD":
      return isMonthDay(text, 0);
    case "hhmmss":
      return isTime(text, 0);
    case "MMDDhhmmss":
      return isMonthDay(text, 0) && isTime(text, 4);
    case "YYMM": {
      const month = two(text, 2);
      return month >= 1 && month <= 12;
    }
    case "YYMMDD":
      // With a year at hand, February 29 must fall in a leap year (2000-2099: every fourth).
      return isMonthDay(text, 2) && !(two(text, 2) === 2 && two(text, 4) === 29 && two(text, 0) % 4 !== 0);
  }
}

/** Number of characters each date layout takes. */
export const DATE_FORMAT_LENGTH: Readonly<Record<DateFormat, number>> = {
  MMDDhhmmss: 10,
  MMDD: 4,
  hhmmss: 6,
  YYMM: 4,
  YYMMDD: 6,
};
