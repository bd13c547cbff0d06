import assert from "node:assert/strict";
import { test } from "node:test";
import { type LineTotals, lineRefundAmount, MoneyError } from "./index.ts";

const line = (totalAmount: number): LineTotals => ({
  grossAmount: totalAmount,
  discountAmount: 0,
  netAmount: totalAmount,
  taxAmount: 0,
  totalAmount,
});

test("3 units for 1000 refund as 333, 334, 333 and sum to the line total", () => {
  // cumulative(k) = round(1000 × k / 3): 0, 333, 667, 1000
  assert.equal(lineRefundAmount(line(1000), 3, 1), 333);
  assert.equal(lineRefundAmount(line(1000), 3, 1, 1), 334);
  assert.equal(lineRefundAmount(line(1000), 3, 1, 2), 333);
  assert.equal(lineRefundAmount(line(1000), 3, 2, 1), 667);
  assert.equal(lineRefundAmount(line(1000), 3, 3), 1000);
});

test("batching does not change the money: 2 at once equals 1 then 1", () => {
  for (let already = 0; already <= 5; already++) {
    assert.equal(
      lineRefundAmount(line(1001), 7, 2, already),
      lineRefundAmount(line(1001), 7, 1, already) + lineRefundAmount(line(1001), 7, 1, already + 1),
    );
  }
});

test("refuses refunding more units than were sold", () => {
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
    codeOf(() => lineRefundAmount(line(1000), 3, 4)),
    "INVALID_QUANTITY",
  );
  assert.equal(
    codeOf(() => lineRefundAmount(line(1000), 3, 2, 2)),
    "INVALID_QUANTITY",
  );
  assert.equal(
    codeOf(() => lineRefundAmount(line(1000), 3, 0)),
    "INVALID_QUANTITY",
  );
  assert.equal(
    codeOf(() => lineRefundAmount(line(1000), 3, 1, 3)),
    "INVALID_QUANTITY",
  );
  assert.equal(
    codeOf(() => lineRefundAmount(line(1000), 0, 1)),
    "INVALID_QUANTITY",
  );
  assert.equal(
    codeOf(() => lineRefundAmount(line(1000.5), 3, 1)),
    "INVALID_AMOUNT",
  );
});
