import assert from "node:assert/strict";
import { test } from "node:test";
import { computeLineRefund, computeOrderTotals, lineRefundAmount, MoneyError } from "./index.ts";

test("3 × $4.99 at 8.25 % on top: money and tax refunded unit by unit", () => {
  const [line] = computeOrderTotals({
    currency: "USD",
    pricesIncludeTax: false,
    lines: [{ quantity: 3, unitAmount: 499, taxRateBps: 825 }],
  }).lines;
  assert.ok(line);
  // gross 1497, tax 1497 × 8.25 % = 123.5025 → 124, total 1621
  assert.deepEqual([line.totalAmount, line.taxAmount], [1621, 124]);
  // money: round(1621 × k / 3) = 540, 1081, 1621 → 540, 541, 540
  // tax:   round(124 × refunded / 1621) = 41, 83, 124 → 41, 42, 41
  assert.deepEqual(computeLineRefund(line, 3, 1, 0), { totalAmount: 540, taxAmount: 41, netOfTaxAmount: 499 });
  assert.deepEqual(computeLineRefund(line, 3, 1, 1), { totalAmount: 541, taxAmount: 42, netOfTaxAmount: 499 });
  assert.deepEqual(computeLineRefund(line, 3, 1, 2), { totalAmount: 540, taxAmount: 41, netOfTaxAmount: 499 });
  assert.deepEqual(computeLineRefund(line, 3, 3), { totalAmount: 1621, taxAmount: 124, netOfTaxAmount: 1497 });
  assert.equal(computeLineRefund(line, 3, 2, 1).totalAmount, lineRefundAmount(line, 3, 2, 1));
});

test("the tax of a refund never exceeds the refund, even when the line total is below its quantity", () => {
  // 3 units for a total of 2 with 1 of tax: the middle unit refunds 0, so must its tax.
  const line = { grossAmount: 1, discountAmount: 0, netAmount: 1, taxAmount: 1, totalAmount: 2 };
  const refunds = [0, 1, 2].map((already) => computeLineRefund(line, 3, 1, already));
  assert.deepEqual(
    refunds.map((r) => [r.totalAmount, r.taxAmount]),
    [
      [1, 1],
      [0, 0],
      [1, 0],
    ],
  );
});

test("refuses a line whose tax exceeds its total", () => {
  const line = { grossAmount: 1, discountAmount: 0, netAmount: 1, taxAmount: 3, totalAmount: 2 };
  assert.throws(
    () => computeLineRefund(line, 1, 1),
    (e: unknown) => e instanceof MoneyError && e.code === "INVALID_AMOUNT",
  );
});
