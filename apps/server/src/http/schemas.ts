import { isCurrency, MAX_AMOUNT } from "@enclave/money";
import { z } from "zod";

/** A positive amount in minor units, bounded so integer math never overflows. */
export const Amount = z.number().int().min(1).max(MAX_AMOUNT);
/** A non-negative amount in minor units. */
export const AmountOrZero = z.number().int().min(0).max(MAX_AMOUNT);
/** An active ISO 4217 code; lower case is accepted and normalized. */
export const Currency = z
  .string()
  .length(3)
  .transform((c) => c.toUpperCase())
  .refine(isCurrency, { message: "unknown currency (use an active ISO 4217 code)" });
/** An id as a client may send it. */
export const Id = z.string().min(1).max(64);

const PAN_LIKE = /(?:\d[ -]?){13,19}/;
/**
 * Free-form key/value data. Refuses anything that looks like a card number: metadata is stored in
 * clear and shown back, so it must never hold a PAN (PCI DSS 3.4).
 */
export const Metadata = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 20, { message: "at most 20 keys" })
  .refine((m) => !Object.values(m).some((v) => PAN_LIKE.test(v) && luhnInside(v)), {
    message: "metadata must not contain card numbers",
  })
  .default({});

function luhnInside(text: string): boolean {
  for (const match of text.matchAll(/(?:\d[ -]?){13,19}/g)) {
    const digits = match[0].replace(/\D/g, "");
    for (let len = 13; len <= Math.min(19, digits.length); len++) {
      for (let start = 0; start + len <= digits.length; start++) {
        if (luhn(digits.slice(start, start + len))) return true;
      }
    }
  }
  return false;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A discount on a line or an order. */
export const DiscountInput = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("amount"), amount: Amount, name: z.string().max(100).optional() }),
  z.strictObject({
    type: z.literal("percent"),
    bps: z.number().int().min(1).max(10000),
    name: z.string().max(100).optional(),
  }),
]);

/** The error envelope every failure answers with. */
export const ErrorBody = z.object({
  error: z.object({
    type: z.string(),
    code: z.string(),
    message: z.string(),
    param: z.string().optional(),
    decline_code: z.string().optional(),
    payment: z.unknown().optional(),
  }),
});

const Timestamp = z.string().describe("ISO 8601 time");
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const MerchantObject = z.object({
  id: z.string(),
  object: z.literal("merchant"),
  name: z.string(),
  country: z.string(),
  default_currency: z.string(),
  prices_include_tax: z.boolean(),
  created_at: Timestamp,
});

export const LocationObject = z.object({
  id: z.string(),
  object: z.literal("location"),
  name: z.string(),
  address: z.record(z.string(), z.string()),
  timezone: z.string(),
  currency: z.string(),
  created_at: Timestamp,
});

export const TerminalObject = z.object({
  id: z.string(),
  object: z.literal("terminal"),
  location: z.string(),
  label: z.string(),
  created_at: Timestamp,
});

export const CatalogItemObject = z.object({
  id: z.string(),
  object: z.literal("catalog_item"),
  sku: z.string(),
  name: z.string(),
  unit_amount: z.number(),
  currency: z.string(),
  tax_rate_bps: z.number(),
  active: z.boolean(),
  created_at: Timestamp,
});

const Discount = z.object({
  type: z.string(),
  amount: z.number().optional(),
  bps: z.number().optional(),
  name: z.string().optional(),
});

export const OrderObject = z.object({
  id: z.string(),
  object: z.literal("order"),
  location: z.string(),
  status: z.string(),
  currency: z.string(),
  prices_include_tax: z.boolean(),
  lines: z.array(
    z.object({
      id: z.string(),
      catalog_item: z.string().nullable(),
      sku: z.string().nullable(),
      name: z.string(),
      quantity: z.number(),
      unit_amount: z.number(),
      tax_rate_bps: z.number(),
      discount: Discount.nullable(),
      gross_amount: z.number(),
      discount_amount: z.number(),
      net_amount: z.number(),
      tax_amount: z.number(),
      total_amount: z.number(),
      quantity_refunded: z.number(),
    }),
  ),
  discounts: z.array(Discount),
  subtotal: z.number(),
  discount_total: z.number(),
  tax_total: z.number(),
  tip_amount: z.number(),
  total: z.number(),
  amount_paid: z.number(),
  amount_due: z.number(),
  amount_refunded: z.number(),
  metadata: z.record(z.string(), z.string()),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const CardObject = z.object({
  brand: z.string(),
  last4: z.string(),
  exp_month: z.number(),
  exp_year: z.number(),
  funding: z.string(),
  entry_mode: z.string(),
});

export const PaymentObject = z.object({
  id: z.string(),
  object: z.literal("payment"),
  livemode: z.boolean(),
  order: z.string().nullable(),
  terminal: z.string(),
  payment_method_type: z.string(),
  status: z.string(),
  capture_method: z.string(),
  currency: z.string(),
  amount: z.number(),
  amount_authorized: z.number(),
  amount_captured: z.number(),
  amount_refunded: z.number(),
  cash: z.object({ tendered: z.number(), change: z.number() }).nullable(),
  card: CardObject.nullable(),
  authorization_code: z.string().nullable(),
  last_payment_error: z
    .object({ type: z.string(), code: z.string(), decline_code: z.string().optional(), message: z.string() })
    .nullable(),
  cancellation_reason: z.string().nullable(),
  batch: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const RefundObject = z.object({
  id: z.string(),
  object: z.literal("refund"),
  payment: z.string(),
  terminal: z.string(),
  amount: z.number(),
  currency: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  lines: z.array(z.object({ line: z.string(), quantity: z.number(), amount: z.number() })).nullable(),
  batch: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  created_at: Timestamp,
});

const Tally = z.object({ count: z.number(), amount: z.number() });
export const BatchObject = z.object({
  id: z.string(),
  object: z.literal("batch"),
  terminal: z.string(),
  status: z.string(),
  opened_at: Timestamp,
  closed_at: Timestamp.nullable(),
  totals: z
    .object({
      currencies: z.array(
        z.object({
          currency: z.string(),
          sales_count: z.number(),
          sales_amount: z.number(),
          refunds_count: z.number(),
          refunds_amount: z.number(),
          net_amount: z.number(),
          by_method: z.record(z.string(), Tally),
          by_brand: z.record(z.string(), Tally),
        }),
      ),
    })
    .nullable(),
});

export const EventObject = z.object({
  id: z.string(),
  object: z.literal("event"),
  type: z.string(),
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
  created_at: Timestamp,
});

export const ApiKeyObject = z.object({
  id: z.string(),
  object: z.literal("api_key"),
  mode: z.string(),
  name: z.string(),
  display: z.string(),
  created_at: Timestamp,
  revoked_at: Timestamp.nullable(),
  secret: z.string().optional().describe("Only in the response that creates the key; never shown again."),
});

export { iso };
