import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAmount, MAX_AMOUNT, MoneyError } from "./index.ts";

test("formats minor units with the ISO number of decimals", () => {
  assert.equal(formatAmount(123456, "USD"), "$1,234.56");
  assert.equal(formatAmount(5, "USD"), "$0.05");
  assert.equal(formatAmount(0, "USD"), "$0.00");
  assert.equal(formatAmount(1338, "JPY"), "¥1,338");
  assert.equal(formatAmount(2837, "KWD"), "KWD\u00a02.837");
  assert.equal(formatAmount(10, "IQD"), "IQD\u00a00.010"); // CLDR would show 0 decimals
  assert.equal(formatAmount(-2950, "USD"), "-$29.50");
});

test("exact at the bound: no float ever holds the amount", () => {
  assert.equal(formatAmount(MAX_AMOUNT, "USD"), "$999,999,999.99");
  assert.equal(formatAmount(MAX_AMOUNT, "CLF"), "CLF\u00a09,999,999.9999");
});

test("locales", () => {
  assert.equal(formatAmount(123456, "EUR", "de-DE"), "1.234,56\u00a0€");
  assert.equal(formatAmount(123456, "EUR", "fr-FR"), "1\u202f234,56\u00a0€");
});

test("refusals are MoneyErrors", () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof MoneyError);
      return error.code;
    }
    return "no error";
  };
  assert.equal(
    codeOf(() => formatAmount(1.5, "USD")),
    "INVALID_AMOUNT",
  );
  assert.equal(
    codeOf(() => formatAmount(MAX_AMOUNT + 1, "USD")),
    "AMOUNT_OUT_OF_RANGE",
  );
  assert.equal(
    codeOf(() => formatAmount(1, "usd")),
    "UNKNOWN_CURRENCY",
  );
  assert.equal(
    codeOf(() => formatAmount(1, "USD", "not a locale!")),
    "INVALID_LOCALE",
  );
});
