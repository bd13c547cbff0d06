// Worked examples a reader can check by hand; docs/money.md walks through the same numbers.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { computeOrderTotals, MAX_AMOUNT, MoneyError, type MoneyErrorCode } from "./index.ts";

function throwsMoney(fn: () => unknown, code: MoneyErrorCode, param?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof MoneyError, `expected MoneyError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (param !== undefined) assert.equal(error.param, param);
    return true;
  });
}

describe("computeOrderTotals: worked examples", () => {
  test("US, tax added on top at 8.25 %, with a tip", () => {
    const totals = computeOrderTotals({
      currency: "USD",
      pricesIncludeTax: false,
      lines: [
        { quantity: 2, unitAmount: 499, taxRateBps: 825 }, // 998 × 8.25 % = 82.335 → 82
        { quantity: 1, unitAmount: 1250, taxRateBps: 825 }, // 1250 × 8.25 % = 103.125 → 103
        { quantity: 1, unitAmount: 200, taxRateBps: 825 }, // 200 × 8.25 % = 16.5 → 17 (half-up)
      ],
      tipAmount: 300,
    });
    assert.deepEqual(totals.lines, [
      { grossAmount: 998, discountAmount: 0, netAmount: 998, taxAmount: 82, totalAmount: 1080 },
      { grossAmount: 1250, discountAmount: 0, netAmount: 1250, taxAmount: 103, totalAmount: 1353 },
      { grossAmount: 200, discountAmount: 0, netAmount: 200, taxAmount: 17, totalAmount: 217 },
    ]);
    // 2448 + 202 tax + 300 tip (untaxed)
    assert.deepEqual(
      { ...totals, lines: undefined },
      { lines: undefined, subtotal: 2448, discountTotal: 0, taxTotal: 202, tipAmount: 300, total: 2950 },
    );
  });

  test("EU, VAT 20 % included in the prices: extracted, not added", () => {
    const totals = computeOrderTotals({
      currency: "EUR",
      pricesIncludeTax: true,
      lines: [
        { quantity: 1, unitAmount: 1200, taxRateBps: 2000 }, // 1200 / 1.2 = 1000 → VAT 200
        { quantity: 3, unitAmount: 250, taxRateBps: 2000 }, // 750 / 1.2 = 625 → VAT 125
        { quantity: 1, unitAmount: 99, taxRateBps: 2000 }, // 99 / 1.2 = 82.5 → 83 (half-up) → VAT 16
      ],
    });
    assert.deepEqual(
      totals.lines.map((l) => [l.netAmount, l.taxAmount, l.totalAmount]),
      [
        [1200, 200, 1200],
        [750, 125, 750],
        [99, 16, 99],
      ],
    );
    assert.equal(totals.subtotal, 2049);
    assert.equal(totals.taxTotal, 341);
    assert.equal(totals.total, 2049); // the VAT is inside the prices
  });

  test("EU, VAT included, with a 10 % order discount: the VAT falls with the price", () => {
    const totals = computeOrderTotals({
      currency: "EUR",
      pricesIncludeTax: true,
      lines: [
        { quantity: 1, unitAmount: 1200, taxRateBps: 2000 },
        { quantity: 1, unitAmount: 600, taxRateBps: 1000 },
      ],
      discounts: [{ type: "percent", bps: 1000, name: "10 % off" }],
    });
    // 10 % of 1800 = 180, shared 1200:600 → 120 and 60.
    // Line 1: net 1080, 1080 / 1.2 = 900 → VAT 180. Line 2: net 540, 540 / 1.1 = 490.9 → 491 → VAT 49.
    assert.deepEqual(
      totals.lines.map((l) => [l.discountAmount, l.netAmount, l.taxAmount]),
      [
        [120, 1080, 180],
        [60, 540, 49],
      ],
    );
    assert.deepEqual([totals.discountTotal, totals.taxTotal, totals.total], [180, 229, 1620]);
  });

  test("JPY has no minor unit: amounts are whole yen (Japan, consumption tax included, 10 % and 8 %)", () => {
    const totals = computeOrderTotals({
      currency: "JPY",
      pricesIncludeTax: true,
      lines: [
        { quantity: 3, unitAmount: 380, taxRateBps: 1000 }, // 1140 / 1.1 = 1036.36 → 1036 → tax 104
        { quantity: 1, unitAmount: 198, taxRateBps: 800 }, // 198 / 1.08 = 183.33 → 183 → tax 15
      ],
    });
    assert.deepEqual(
      totals.lines.map((l) => l.taxAmount),
      [104, 15],
    );
    assert.deepEqual([totals.subtotal, totals.taxTotal, totals.total], [1338, 119, 1338]);
  });

  test("KWD has three decimals (fils): a 10 % line discount rounds half-up to the fils", () => {
    const totals = computeOrderTotals({
      currency: "KWD",
      pricesIncludeTax: false,
      lines: [
        { quantity: 2, unitAmount: 1250, taxRateBps: 0 }, // 2 × 1.250 KWD
        { quantity: 1, unitAmount: 375, taxRateBps: 0, discount: { type: "percent", bps: 1000 } }, // 37.5 → 38
      ],
    });
    assert.deepEqual(totals.lines[1], {
      grossAmount: 375,
      discountAmount: 38,
      netAmount: 337,
      taxAmount: 0,
      totalAmount: 337,
    });
    assert.deepEqual([totals.subtotal, totals.discountTotal, totals.taxTotal, totals.total], [2875, 38, 0, 2837]);
  });

  test("mixed tax rates with a line discount and a fixed order discount (Canada, tax on top)", () => {
    const totals = computeOrderTotals({
      currency: "CAD",
      pricesIncludeTax: false,
      lines: [
        { quantity: 1, unitAmount: 2000, taxRateBps: 1300 }, // HST 13 %
        { quantity: 2, unitAmount: 500, taxRateBps: 0 }, // zero-rated groceries
        { quantity: 1, unitAmount: 700, taxRateBps: 1300, discount: { type: "amount", amount: 100 } },
      ],
      discounts: [{ type: "amount", amount: 500, name: "$5 off" }],
    });
    // Nets before the order discount: 2000, 1000, 600 (Σ 3600).
    // 500 × 2000/3600 = 277.78, 500 × 1000/3600 = 138.89, 500 × 600/3600 = 83.33
    // floors 277 + 138 + 83 = 498; the 2 missing cents go to the largest remainders (.89, then .78).
    // Shares 278, 139, 83. Nets 1722, 861, 517. Tax 1722 × 13 % = 223.86 → 224; 0; 517 × 13 % = 67.21 → 67.
    assert.deepEqual(totals.lines, [
      { grossAmount: 2000, discountAmount: 278, netAmount: 1722, taxAmount: 224, totalAmount: 1946 },
      { grossAmount: 1000, discountAmount: 139, netAmount: 861, taxAmount: 0, totalAmount: 861 },
      { grossAmount: 700, discountAmount: 183, netAmount: 517, taxAmount: 67, totalAmount: 584 },
    ]);
    // 3700 − 600 + 291 = 3391
    assert.deepEqual(
      [totals.subtotal, totals.discountTotal, totals.taxTotal, totals.tipAmount, totals.total],
      [3700, 600, 291, 0, 3391],
    );
  });

  test("several order discounts apply one after the other, each on what is left", () => {
    const totals = computeOrderTotals({
      currency: "USD",
      pricesIncludeTax: false,
      lines: [{ quantity: 1, unitAmount: 1000, taxRateBps: 0 }],
      discounts: [
        { type: "percent", bps: 1000 }, // 10 % of 1000 = 100
        { type: "amount", amount: 100 }, // then 100 off 900
        { type: "percent", bps: 5000 }, // then 50 % of 800 = 400
      ],
    });
    assert.equal(totals.discountTotal, 600);
    assert.equal(totals.total, 400);
  });

  test("free items and 100 % discounts are fine; totals can be zero", () => {
    const totals = computeOrderTotals({
      currency: "USD",
      pricesIncludeTax: false,
      lines: [
        { quantity: 1, unitAmount: 0, taxRateBps: 825 },
        { quantity: 1, unitAmount: 500, taxRateBps: 825, discount: { type: "percent", bps: 10_000 } },
      ],
      discounts: [{ type: "percent", bps: 5000 }],
    });
    assert.equal(totals.total, 0);
    assert.equal(totals.discountTotal, 500);
  });
});

describe("computeOrderTotals: refusals", () => {
  const line = { quantity: 1, unitAmount: 100, taxRateBps: 0 };
  const order = { currency: "USD", pricesIncludeTax: false, lines: [line] };

  test("unknown, lowercase or withdrawn currency", () => {
    throwsMoney(() => computeOrderTotals({ ...order, currency: "usd" }), "UNKNOWN_CURRENCY", "currency");
    throwsMoney(() => computeOrderTotals({ ...order, currency: "XAU" }), "UNKNOWN_CURRENCY");
    throwsMoney(() => computeOrderTotals({ ...order, currency: "BGN" }), "UNKNOWN_CURRENCY");
  });

  test("quantities are integers 1..10000", () => {
    for (const quantity of [0, -1, 1.5, 10_001, Number.NaN]) {
      throwsMoney(() => computeOrderTotals({ ...order, lines: [{ ...line, quantity }] }), "INVALID_QUANTITY");
    }
    assert.equal(computeOrderTotals({ ...order, lines: [{ ...line, quantity: 10_000 }] }).subtotal, 1_000_000);
  });

  test("amounts are integers 0..MAX_AMOUNT", () => {
    throwsMoney(() => computeOrderTotals({ ...order, lines: [{ ...line, unitAmount: 1.99 }] }), "INVALID_AMOUNT");
    throwsMoney(() => computeOrderTotals({ ...order, lines: [{ ...line, unitAmount: -1 }] }), "AMOUNT_OUT_OF_RANGE");
    throwsMoney(
      () => computeOrderTotals({ ...order, lines: [{ ...line, unitAmount: MAX_AMOUNT + 1 }] }),
      "AMOUNT_OUT_OF_RANGE",
      "lines[0].unitAmount",
    );
    throwsMoney(() => computeOrderTotals({ ...order, tipAmount: 0.5 }), "INVALID_AMOUNT", "tipAmount");
  });

  test("results above MAX_AMOUNT are refused, not clipped", () => {
    // gross 2 × MAX_AMOUNT
    throwsMoney(
      () => computeOrderTotals({ ...order, lines: [{ ...line, quantity: 2, unitAmount: MAX_AMOUNT }] }),
      "AMOUNT_OUT_OF_RANGE",
      "lines[0].grossAmount",
    );
    // each line fits, the subtotal does not
    throwsMoney(
      () => computeOrderTotals({ ...order, lines: [{ ...line, unitAmount: MAX_AMOUNT }, line] }),
      "AMOUNT_OUT_OF_RANGE",
      "subtotal",
    );
    // the net fits, the tax on top does not
    throwsMoney(
      () => computeOrderTotals({ ...order, lines: [{ ...line, unitAmount: MAX_AMOUNT, taxRateBps: 1 }] }),
      "AMOUNT_OUT_OF_RANGE",
    );
    throwsMoney(
      () => computeOrderTotals({ ...order, lines: [{ ...line, unitAmount: MAX_AMOUNT }], tipAmount: 1 }),
      "AMOUNT_OUT_OF_RANGE",
      "total",
    );
  });

  test("tax rates are integers 0..10000 bps", () => {
    for (const taxRateBps of [-1, 10_001, 8.25]) {
      throwsMoney(() => computeOrderTotals({ ...order, lines: [{ ...line, taxRateBps }] }), "INVALID_TAX_RATE");
    }
  });

  test("a fixed discount larger than what it applies to is an error, not a cap", () => {
    throwsMoney(
      () => computeOrderTotals({ ...order, lines: [{ ...line, discount: { type: "amount", amount: 101 } }] }),
      "DISCOUNT_EXCEEDS_AMOUNT",
      "lines[0].discount",
    );
    throwsMoney(
      () =>
        computeOrderTotals({
          ...order,
          lines: [{ ...line, discount: { type: "amount", amount: 60 } }],
          discounts: [{ type: "amount", amount: 41 }],
        }),
      "DISCOUNT_EXCEEDS_AMOUNT",
      "discounts[0]",
    );
  });

  test("malformed discounts", () => {
    const bad: unknown[] = [
      { type: "percent", bps: 0 },
      { type: "percent", bps: 10_001 },
      { type: "percent", bps: 12.5 },
      { type: "amount", amount: 0 },
      { type: "amount", amount: 1.5 },
      { type: "fixed", amount: 1 },
      null,
    ];
    for (const discount of bad) {
      throwsMoney(() => computeOrderTotals({ ...order, discounts: [discount as never] }), "INVALID_DISCOUNT");
    }
  });

  test("order shape", () => {
    throwsMoney(() => computeOrderTotals({ ...order, lines: [] }), "INVALID_ORDER", "lines");
    throwsMoney(() => computeOrderTotals({ ...order, lines: Array(1001).fill(line) }), "INVALID_ORDER", "lines");
    throwsMoney(() => computeOrderTotals({ ...order, pricesIncludeTax: "no" as never }), "INVALID_ORDER");
    throwsMoney(() => computeOrderTotals(null as never), "INVALID_ORDER");
  });
});
