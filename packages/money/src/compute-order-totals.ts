import { allocateExact } from "./allocate-proportionally.ts";
import { requireCurrency } from "./currency-info.ts";
import { MoneyError } from "./errors.ts";
import { divideRoundHalfUp, fromAmount, isIntegerIn, toAmount } from "./integers.ts";
import {
  BPS_PER_UNIT,
  MAX_AMOUNT,
  MAX_ORDER_DISCOUNTS,
  MAX_ORDER_LINES,
  MAX_QUANTITY,
  MAX_TAX_RATE_BPS,
} from "./limits.ts";

/**
 * A discount, on one line or on the whole order.
 * - `amount`: a fixed number of minor units off, 1..MAX_AMOUNT. It may not exceed what it applies
 *   to (the line's gross, or the order's remaining net): that is a `DISCOUNT_EXCEEDS_AMOUNT` error,
 *   never a silent cap, so the receipt always shows the discount the cashier entered.
 * - `percent`: `bps` basis points off (1..10000, so 1 = 0.01 % and 10000 = 100 %), rounded half-up
 *   to the minor unit; it can never exceed what it applies to.
 * `name` is a label for receipts; it does not affect the arithmetic.
 */
export type Discount =
  | { type: "amount"; amount: number; name?: string }
  | { type: "percent"; bps: number; name?: string };

/** One line of an order, as the till sends it. */
export interface OrderLineInput {
  /** Whole units, 1..MAX_QUANTITY (10000). Returns are refunds, not negative quantities. */
  quantity: number;
  /** Price of one unit in minor units, 0..MAX_AMOUNT; tax-inclusive when the order's `pricesIncludeTax`. */
  unitAmount: number;
  /** Tax rate in basis points, 0..10000 (825 = 8.25 %, 2000 = 20 %). */
  taxRateBps: number;
  /** Applied to this line's gross before any order-level discount. */
  discount?: Discount;
}

/** Everything needed to price an order. */
export interface OrderTotalsInput {
  /** Active uppercase ISO 4217 code; all amounts are minor units of it. */
  currency: string;
  /** True when unit amounts already contain tax (EU VAT style): tax is extracted, not added. */
  pricesIncludeTax: boolean;
  /** 1..MAX_ORDER_LINES lines. */
  lines: OrderLineInput[];
  /** Order-level discounts, applied in order after line discounts, 0..MAX_ORDER_DISCOUNTS of them. */
  discounts?: Discount[];
  /** Gratuity in minor units, added after tax and never taxed. */
  tipAmount?: number;
}

/** The priced form of one line; every field is integer minor units. */
export interface LineTotals {
  /** quantity × unitAmount. */
  grossAmount: number;
  /** The line's own discount plus its share of every order-level discount; never above gross. */
  discountAmount: number;
  /** grossAmount − discountAmount: what the line sells for (tax included when prices include tax). */
  netAmount: number;
  /** Tax on netAmount, rounded half-up per line (extracted from it when prices include tax). */
  taxAmount: number;
  /** What the customer pays for the line: netAmount + taxAmount, or netAmount when prices include tax. */
  totalAmount: number;
}

/** The priced order. Each order field is exactly the sum of the matching line fields (plus the tip). */
export interface OrderTotals {
  lines: LineTotals[];
  /** Σ grossAmount. */
  subtotal: number;
  /** Σ discountAmount (line discounts and order discounts). */
  discountTotal: number;
  /** Σ taxAmount. Added to the total only when prices exclude tax. */
  taxTotal: number;
  tipAmount: number;
  /** subtotal − discountTotal + taxTotal (if prices exclude tax) + tipAmount = Σ totalAmount + tipAmount. */
  total: number;
}

/**
 * Prices an order in integer minor units. The rules, in the order they apply (docs/money.md has
 * worked examples):
 *
 * 1. `gross = quantity × unitAmount` per line.
 * 2. The line's own discount comes off its gross (percent: half-up rounded).
 * 3. Each order-level discount, in the given order, is computed on the order's remaining net
 *    (percent: half-up rounded once, on the order) and allocated across lines in proportion to
 *    their current net by largest remainder, so the shares sum exactly to the discount and no line
 *    goes below zero.
 * 4. Tax per line on the discounted net, rounded half-up to the minor unit:
 *    exclusive `tax = round(net × bps / 10000)`, added on top;
 *    inclusive `tax = net − round(net × 10000 / (10000 + bps))`, already inside the net.
 * 5. The tip is added last and is not taxed.
 *
 * All arithmetic is BigInt; every input and every result must be an integer in 0..MAX_AMOUNT.
 *
 * @throws MoneyError `UNKNOWN_CURRENCY`, `INVALID_ORDER` (shape, line or discount count),
 *   `INVALID_QUANTITY`, `INVALID_AMOUNT`, `AMOUNT_OUT_OF_RANGE` (an input, or a result such as a
 *   line gross or the total, above MAX_AMOUNT), `INVALID_TAX_RATE`, `INVALID_DISCOUNT`,
 *   `DISCOUNT_EXCEEDS_AMOUNT`. `param` names the offending field.
 */
export function computeOrderTotals(input: OrderTotalsInput): OrderTotals {
  if (typeof input !== "object" || input === null) {
    throw new MoneyError("INVALID_ORDER", "the order must be an object", "order");
  }
  requireCurrency(input.currency, "currency");
  if (typeof input.pricesIncludeTax !== "boolean") {
    throw new MoneyError("INVALID_ORDER", "pricesIncludeTax must be a boolean", "pricesIncludeTax");
  }
  const inclusive = input.pricesIncludeTax;
  if (!Array.isArray(input.lines) || input.lines.length === 0 || input.lines.length > MAX_ORDER_LINES) {
    throw new MoneyError("INVALID_ORDER", `an order has 1..${MAX_ORDER_LINES} lines`, "lines");
  }
  const discounts = input.discounts ?? [];
  if (!Array.isArray(discounts) || discounts.length > MAX_ORDER_DISCOUNTS) {
    throw new MoneyError("INVALID_ORDER", `an order has 0..${MAX_ORDER_DISCOUNTS} discounts`, "discounts");
  }
  const tip = input.tipAmount === undefined ? 0n : toAmount(input.tipAmount, "tipAmount");

  // Steps 1 and 2, per line.
  const lines = input.lines.map((line, i) => priceLine(line, `lines[${i}]`));

  // Step 3: each order discount on the running net, shared out so the parts sum exactly.
  for (const [j, discount] of discounts.entries()) {
    const param = `discounts[${j}]`;
    const nets = lines.map((l) => l.gross - l.discount);
    const remaining = nets.reduce((a, b) => a + b, 0n);
    const amount = discountOn(remaining, discount, param, "the order's remaining net");
    const shares = allocateExact(amount, nets);
    for (const [i, line] of lines.entries()) line.discount += shares[i] ?? 0n;
  }

  // Step 4: tax per line, then the sums. Every figure is range-checked as it leaves.
  const out: LineTotals[] = [];
  let subtotal = 0n;
  let discountTotal = 0n;
  let taxTotal = 0n;
  let linesTotal = 0n;
  for (const [i, line] of lines.entries()) {
    const net = line.gross - line.discount;
    const bps = BigInt(line.taxRateBps);
    const tax = inclusive
      ? net - divideRoundHalfUp(net * BigInt(BPS_PER_UNIT), BigInt(BPS_PER_UNIT) + bps)
      : divideRoundHalfUp(net * bps, BigInt(BPS_PER_UNIT));
    const lineTotal = inclusive ? net : net + tax;
    const param = `lines[${i}]`;
    out.push({
      grossAmount: fromAmount(line.gross, `${param}.grossAmount`),
      discountAmount: fromAmount(line.discount, `${param}.discountAmount`),
      netAmount: fromAmount(net, `${param}.netAmount`),
      taxAmount: fromAmount(tax, `${param}.taxAmount`),
      totalAmount: fromAmount(lineTotal, `${param}.totalAmount`),
    });
    subtotal += line.gross;
    discountTotal += line.discount;
    taxTotal += tax;
    linesTotal += lineTotal;
  }

  // Step 5: the tip, untaxed, after everything else.
  return {
    lines: out,
    subtotal: fromAmount(subtotal, "subtotal"),
    discountTotal: fromAmount(discountTotal, "discountTotal"),
    taxTotal: fromAmount(taxTotal, "taxTotal"),
    tipAmount: fromAmount(tip, "tipAmount"),
    total: fromAmount(linesTotal + tip, "total"),
  };
}

interface WorkingLine {
  gross: bigint;
  discount: bigint;
  taxRateBps: number;
}

function priceLine(line: OrderLineInput, param: string): WorkingLine {
  if (typeof line !== "object" || line === null) {
    throw new MoneyError("INVALID_ORDER", `${param} must be an object`, param);
  }
  if (!isIntegerIn(line.quantity, 1, MAX_QUANTITY)) {
    throw new MoneyError("INVALID_QUANTITY", `quantity must be an integer 1..${MAX_QUANTITY}`, `${param}.quantity`);
  }
  const unit = toAmount(line.unitAmount, `${param}.unitAmount`);
  if (!isIntegerIn(line.taxRateBps, 0, MAX_TAX_RATE_BPS)) {
    throw new MoneyError(
      "INVALID_TAX_RATE",
      `taxRateBps must be an integer 0..${MAX_TAX_RATE_BPS}`,
      `${param}.taxRateBps`,
    );
  }
  const gross = BigInt(line.quantity) * unit;
  fromAmount(gross, `${param}.grossAmount`);
  const discount =
    line.discount === undefined ? 0n : discountOn(gross, line.discount, `${param}.discount`, "the line's gross");
  return { gross, discount, taxRateBps: line.taxRateBps };
}

/** The minor units `discount` takes off `base`, validated; never more than `base`. */
function discountOn(base: bigint, discount: Discount, param: string, what: string): bigint {
  if (typeof discount !== "object" || discount === null) {
    throw new MoneyError("INVALID_DISCOUNT", "a discount must be an object", param);
  }
  if (discount.type === "percent") {
    if (!isIntegerIn(discount.bps, 1, BPS_PER_UNIT)) {
      throw new MoneyError("INVALID_DISCOUNT", `bps must be an integer 1..${BPS_PER_UNIT}`, `${param}.bps`);
    }
    // bps <= 10000, so the rounded result is at most base.
    return divideRoundHalfUp(base * BigInt(discount.bps), BigInt(BPS_PER_UNIT));
  }
  if (discount.type === "amount") {
    if (!isIntegerIn(discount.amount, 1, MAX_AMOUNT)) {
      throw new MoneyError("INVALID_DISCOUNT", `amount must be an integer 1..${MAX_AMOUNT}`, `${param}.amount`);
    }
    const amount = BigInt(discount.amount);
    // Invariant: a discount never makes a line or an order negative.
    if (amount > base) {
      throw new MoneyError("DISCOUNT_EXCEEDS_AMOUNT", `the discount is larger than ${what} (${base})`, param);
    }
    return amount;
  }
  throw new MoneyError("INVALID_DISCOUNT", 'a discount type is "amount" or "percent"', `${param}.type`);
}
