// Property tests (fast-check): the invariants an auditor relies on, over generated orders.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  allocateProportionally,
  computeLineRefund,
  computeOrderTotals,
  type Discount,
  type LineTotals,
  lineRefundAmount,
  listCurrencies,
  MAX_AMOUNT,
  MAX_QUANTITY,
  MoneyError,
  type OrderLineInput,
  type OrderTotals,
  type OrderTotalsInput,
} from "./index.ts";

const RUNS = { numRuns: 1000 };
const currencies = listCurrencies().map((c) => c.code);

const percent = fc.record({ type: fc.constant("percent" as const), bps: fc.integer({ min: 1, max: 10_000 }) });

/**
 * One valid line. `maxGross` keeps the order's worst case (every gross at the cap, tax at 100 %)
 * inside MAX_AMOUNT, so the generated orders are valid and exercise the BigInt paths near the bound.
 */
function lineArb(maxQuantity: number, maxGross: number): fc.Arbitrary<OrderLineInput> {
  return fc
    .record({
      quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: maxQuantity })),
      unitPick: fc.oneof(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: MAX_AMOUNT }),
      ),
      taxRateBps: fc.oneof(
        fc.constantFrom(0, 500, 700, 825, 1000, 1300, 2000, 2500),
        fc.integer({ min: 0, max: 10_000 }),
      ),
      // An amount discount as parts per 10000 of the gross, so it never exceeds it.
      discount: fc.option(
        fc.oneof(
          percent,
          fc.record({ type: fc.constant("share" as const), per10k: fc.integer({ min: 1, max: 10_000 }) }),
        ),
      ),
    })
    .map(({ quantity, unitPick, taxRateBps, discount }) => {
      const unitAmount = Math.min(unitPick, Math.floor(maxGross / quantity));
      const gross = quantity * unitAmount;
      const line: OrderLineInput = { quantity, unitAmount, taxRateBps };
      if (discount?.type === "percent") line.discount = discount;
      if (discount?.type === "share" && gross > 0) {
        line.discount = { type: "amount", amount: Math.max(1, Math.floor((gross * discount.per10k) / 10_000)) };
      }
      return line;
    });
}

function orderArb(maxQuantity = MAX_QUANTITY): fc.Arbitrary<OrderTotalsInput> {
  return fc.integer({ min: 1, max: 8 }).chain((count) =>
    fc.record({
      currency: fc.constantFrom(...currencies),
      pricesIncludeTax: fc.boolean(),
      lines: fc.array(lineArb(maxQuantity, Math.floor(MAX_AMOUNT / (2 * count) - 1_000_000)), {
        minLength: count,
        maxLength: count,
      }),
      discounts: fc.array(
        fc.oneof(
          percent,
          fc.record({ type: fc.constant("amount" as const), amount: fc.integer({ min: 1, max: 500 }) }),
        ) as fc.Arbitrary<Discount>,
        { maxLength: 3 },
      ),
      tipAmount: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
    }),
  );
}

/** Computes, or skips the run when an order discount happens to exceed what is left (a valid refusal). */
function compute(input: OrderTotalsInput): OrderTotals {
  try {
    return computeOrderTotals(input);
  } catch (error) {
    fc.pre(!(error instanceof MoneyError && error.code === "DISCOUNT_EXCEEDS_AMOUNT"));
    throw error;
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const isAmount = (x: unknown) => typeof x === "number" && Number.isSafeInteger(x) && x >= 0 && x <= MAX_AMOUNT;

function allNumbers(totals: OrderTotals): unknown[] {
  const { lines, ...order } = totals;
  return [...Object.values(order), ...lines.flatMap((l) => Object.values(l))];
}

describe("computeOrderTotals properties", () => {
  test("every figure is an integer in 0..MAX_AMOUNT", () => {
    fc.assert(
      fc.property(orderArb(), (input) => {
        for (const x of allNumbers(compute(input))) assert.ok(isAmount(x), String(x));
      }),
      RUNS,
    );
  });

  test("the lines' parts add up to the order totals, and each line adds up", () => {
    fc.assert(
      fc.property(orderArb(), (input) => {
        const t = compute(input);
        assert.equal(t.lines.length, input.lines.length);
        assert.equal(t.subtotal, sum(t.lines.map((l) => l.grossAmount)));
        assert.equal(t.discountTotal, sum(t.lines.map((l) => l.discountAmount)));
        assert.equal(t.taxTotal, sum(t.lines.map((l) => l.taxAmount)));
        assert.equal(t.tipAmount, input.tipAmount ?? 0);
        assert.equal(t.total, sum(t.lines.map((l) => l.totalAmount)) + t.tipAmount);
        const addedTax = input.pricesIncludeTax ? 0 : t.taxTotal;
        assert.equal(t.total, t.subtotal - t.discountTotal + addedTax + t.tipAmount);
        for (const [i, l] of t.lines.entries()) {
          const line = input.lines[i] as OrderLineInput;
          assert.equal(l.grossAmount, line.quantity * line.unitAmount);
          assert.equal(l.netAmount, l.grossAmount - l.discountAmount);
          assert.equal(l.totalAmount, l.netAmount + (input.pricesIncludeTax ? 0 : l.taxAmount));
        }
      }),
      RUNS,
    );
  });

  test("a discount never exceeds the line's gross, and tax never exceeds the net", () => {
    fc.assert(
      fc.property(orderArb(), (input) => {
        for (const l of compute(input).lines) {
          assert.ok(l.discountAmount <= l.grossAmount);
          assert.ok(l.netAmount >= 0);
          assert.ok(l.taxAmount <= l.netAmount || !input.pricesIncludeTax);
        }
      }),
      RUNS,
    );
  });

  test("tax is the exact rate on the net, rounded half-up: within half a minor unit", () => {
    fc.assert(
      fc.property(orderArb(), (input) => {
        for (const [i, l] of compute(input).lines.entries()) {
          const bps = BigInt((input.lines[i] as OrderLineInput).taxRateBps);
          const net = BigInt(l.netAmount);
          const tax = BigInt(l.taxAmount);
          if (input.pricesIncludeTax) {
            // ex-tax = net − tax must be within ½ of net × 10000 / (10000 + bps); ties round up, so the error is in (−½, ½].
            const d = 10_000n + bps;
            const err = 2n * (net - tax) * d - 2n * net * 10_000n;
            assert.ok(err > -d && err <= d, `inclusive line ${i}`);
          } else {
            const err = 2n * tax * 10_000n - 2n * net * bps;
            assert.ok(err > -10_000n && err <= 10_000n, `exclusive line ${i}`);
          }
        }
      }),
      RUNS,
    );
  });

  test("a single percent order discount is rounded once on the order, then shared exactly", () => {
    fc.assert(
      fc.property(orderArb(), percent, (input, discount) => {
        const without = compute({ ...input, discounts: [] });
        const withIt = compute({ ...input, discounts: [discount] });
        const net = without.subtotal - without.discountTotal;
        const expected = Number((2n * BigInt(net) * BigInt(discount.bps) + 10_000n) / 20_000n);
        assert.equal(withIt.discountTotal - without.discountTotal, expected);
      }),
      RUNS,
    );
  });

  test("refunding every unit of every line one at a time sums exactly to the total minus the tip", () => {
    fc.assert(
      fc.property(orderArb(60), (input) => {
        const t = compute(input);
        let refunded = 0;
        for (const [i, l] of t.lines.entries()) {
          const quantity = (input.lines[i] as OrderLineInput).quantity;
          const units: number[] = [];
          let tax = 0;
          for (let already = 0; already < quantity; already++) {
            const amount = lineRefundAmount(l, quantity, 1, already);
            const split = computeLineRefund(l, quantity, 1, already);
            assert.equal(split.totalAmount, amount);
            assert.ok(split.taxAmount >= 0 && split.taxAmount <= amount);
            assert.equal(split.netOfTaxAmount, amount - split.taxAmount);
            units.push(amount);
            tax += split.taxAmount;
          }
          // No unit is worth more than one minor unit more than another.
          assert.ok(Math.max(...units) - Math.min(...units) <= 1);
          // The tax reversed is exactly the tax collected on the line.
          assert.equal(tax, l.taxAmount);
          refunded += sum(units);
        }
        assert.equal(refunded, t.total - t.tipAmount);
      }),
      RUNS,
    );
  });

  test("any batching of a line's refunds sums to the line total, and equals unit-by-unit", () => {
    const lineTotals = fc.integer({ min: 0, max: MAX_AMOUNT }).map(
      (totalAmount): LineTotals => ({
        grossAmount: totalAmount,
        discountAmount: 0,
        netAmount: totalAmount,
        taxAmount: 0,
        totalAmount,
      }),
    );
    fc.assert(
      fc.property(
        lineTotals,
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (line, batches) => {
          const quantity = sum(batches);
          fc.pre(quantity <= MAX_QUANTITY);
          let already = 0;
          let refunded = 0;
          for (const q of batches) {
            const batch = lineRefundAmount(line, quantity, q, already);
            let oneByOne = 0;
            for (let k = 0; k < q; k++) oneByOne += lineRefundAmount(line, quantity, 1, already + k);
            assert.equal(batch, oneByOne);
            refunded += batch;
            already += q;
          }
          assert.equal(refunded, line.totalAmount);
        },
      ),
      RUNS,
    );
  });
});

describe("allocateProportionally properties", () => {
  const weights = fc.array(fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: MAX_AMOUNT })), {
    minLength: 1,
    maxLength: 50,
  });

  test("sums exactly to the amount, never negative, each share within one unit of its exact quota", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT }), weights, (amount, w) => {
        const total = w.reduce((a, b) => a + BigInt(b), 0n);
        fc.pre(total > 0n);
        const shares = allocateProportionally(amount, w);
        assert.equal(shares.length, w.length);
        assert.equal(sum(shares), amount);
        for (const [i, share] of shares.entries()) {
          assert.ok(Number.isSafeInteger(share) && share >= 0);
          // |share − amount × w / W| < 1
          const err = BigInt(share) * total - BigInt(amount) * BigInt(w[i] as number);
          assert.ok(err > -total && err < total);
        }
      }),
      RUNS,
    );
  });

  test("when the amount does not exceed the weights, no share exceeds its weight", () => {
    fc.assert(
      fc.property(weights, fc.double({ min: 0, max: 1, noNaN: true }), (w, fraction) => {
        const total = sum(w);
        fc.pre(total > 0 && total <= MAX_AMOUNT);
        const amount = Math.floor(total * fraction);
        for (const [i, share] of allocateProportionally(amount, w).entries()) assert.ok(share <= (w[i] as number));
      }),
      RUNS,
    );
  });
});

describe("refusals", () => {
  // Values that are not an integer amount, or are out of range for every numeric field.
  const junk = fc.oneof(
    fc.double({ noInteger: true }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, MAX_AMOUNT + 1, 2 ** 53, -0.5),
    fc.integer({ min: MAX_AMOUNT + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -1 }),
    fc.constantFrom("100", null, true, 10n, {}, []),
  );
  const field = fc.constantFrom("quantity", "unitAmount", "taxRateBps", "tipAmount", "discountBps", "discountAmount");

  function corrupt(input: OrderTotalsInput, where: string, value: unknown, lineIndex: number): OrderTotalsInput {
    const lines = input.lines.map((l) => ({ ...l }));
    const line = lines[lineIndex % lines.length] as Record<string, unknown>;
    const out: Record<string, unknown> = { ...input, lines };
    if (where === "tipAmount") out.tipAmount = value;
    else if (where === "discountBps") line.discount = { type: "percent", bps: value };
    else if (where === "discountAmount") line.discount = { type: "amount", amount: value };
    else line[where] = value;
    return out as unknown as OrderTotalsInput;
  }

  test("an out-of-range or non-integer input always throws a MoneyError", () => {
    fc.assert(
      fc.property(orderArb(), field, junk, fc.nat(), (input, where, value, i) => {
        // 2^53 and above are invalid everywhere; a huge integer quantity is too.
        assert.throws(
          () => computeOrderTotals(corrupt(input, where, value, i)),
          (error: unknown) => error instanceof MoneyError,
        );
      }),
      RUNS,
    );
  });

  test("whatever lands in any field, the result is all integers or a MoneyError, never NaN or a TypeError", () => {
    fc.assert(
      fc.property(
        orderArb(),
        fc.constantFrom(
          "currency",
          "pricesIncludeTax",
          "lines",
          "discounts",
          "tipAmount",
          "quantity",
          "unitAmount",
          "taxRateBps",
          "discount",
        ),
        fc.anything(),
        fc.nat(),
        (input, where, value, i) => {
          let broken: unknown;
          if (["currency", "pricesIncludeTax", "lines", "discounts", "tipAmount"].includes(where)) {
            broken = { ...input, [where]: value };
          } else {
            broken = corrupt(input, where, value, i);
          }
          try {
            const t = computeOrderTotals(broken as OrderTotalsInput);
            for (const x of allNumbers(t)) assert.ok(isAmount(x), String(x));
          } catch (error) {
            assert.ok(error instanceof MoneyError, String(error));
          }
        },
      ),
      RUNS,
    );
  });

  test("orders whose results would pass MAX_AMOUNT throw AMOUNT_OUT_OF_RANGE", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_QUANTITY }),
        fc.integer({ min: 0, max: MAX_AMOUNT }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (quantity, unitAmount, taxRateBps, pricesIncludeTax) => {
          const gross = BigInt(quantity) * BigInt(unitAmount);
          const withTax = pricesIncludeTax ? gross : gross + (2n * gross * BigInt(taxRateBps) + 10_000n) / 20_000n;
          const input = { currency: "USD", pricesIncludeTax, lines: [{ quantity, unitAmount, taxRateBps }] };
          if (withTax > BigInt(MAX_AMOUNT)) {
            assert.throws(
              () => computeOrderTotals(input),
              (e: unknown) => e instanceof MoneyError && e.code === "AMOUNT_OUT_OF_RANGE",
            );
          } else {
            assert.equal(computeOrderTotals(input).total, Number(withTax));
          }
        },
      ),
      RUNS,
    );
  });
});
