import type { Discount } from "@enclave/money";

/** A line of an order with its computed amounts (minor units). */
export interface OrderLine {
  id: string;
  catalog_item: string | null;
  sku: string | null;
  name: string;
  quantity: number;
  unit_amount: number;
  tax_rate_bps: number;
  discount: Discount | null;
  gross_amount: number;
  discount_amount: number;
  net_amount: number;
  tax_amount: number;
  total_amount: number;
  quantity_refunded: number;
}

/** An order: the cart as the server priced it. */
export interface Order {
  id: string;
  merchant_id: string;
  location_id: string;
  status: "open" | "paid" | "canceled";
  currency: string;
  prices_include_tax: boolean;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  tip_amount: number;
  total: number;
  amount_paid: number;
  amount_refunded: number;
  lines: OrderLine[];
  discounts: Discount[];
  metadata: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

/** The payment states of DESIGN §6. */
export const PAYMENT_STATUSES = [
  "requires_payment_method",
  "processing",
  "requires_capture",
  "succeeded",
  "canceled",
] as const;
/** A payment state. */
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What the API may show of a card: never the PAN, at most brand, last 4, expiry, entry mode. */
export interface CardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: "credit" | "debit" | "prepaid" | "unknown";
  entry_mode: "chip" | "contactless" | "swipe" | "keyed";
}

/** Why the last attempt failed, shown to the cashier. */
export interface PaymentError {
  type: "card_error" | "processing_error";
  code: string;
  decline_code?: string;
  message: string;
}

/** A payment of an order (or a standalone amount), card-present or cash. */
export interface Payment {
  id: string;
  merchant_id: string;
  livemode: boolean;
  order_id: string | null;
  terminal_id: string;
  method: "card_present" | "cash";
  status: PaymentStatus;
  capture_method: "automatic" | "manual";
  currency: string;
  amount: number;
  amount_authorized: number;
  amount_captured: number;
  amount_refunded: number;
  cash_tendered: number | null;
  card: CardDetails | null;
  processor_reference: string | null;
  authorization_code: string | null;
  last_error: PaymentError | null;
  cancellation_reason: string | null;
  batch_id: string | null;
  metadata: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

/** A refund of part or all of a captured payment. */
export interface Refund {
  id: string;
  merchant_id: string;
  payment_id: string;
  terminal_id: string;
  amount: number;
  currency: string;
  status: "succeeded" | "failed";
  reason: string | null;
  lines: Array<{ line: string; quantity: number; amount: number }> | null;
  processor_reference: string | null;
  batch_id: string | null;
  metadata: Record<string, string>;
  created_at: Date;
}

/** Totals of one currency in a closed batch. */
export interface BatchCurrencyTotals {
  currency: string;
  sales_count: number;
  sales_amount: number;
  refunds_count: number;
  refunds_amount: number;
  net_amount: number;
  by_method: Record<string, { count: number; amount: number }>;
  by_brand: Record<string, { count: number; amount: number }>;
}

/** A terminal's batch: open until end of day, then closed with its totals. */
export interface Batch {
  id: string;
  merchant_id: string;
  terminal_id: string;
  status: "open" | "closed";
  opened_at: Date;
  closed_at: Date | null;
  totals: { currencies: BatchCurrencyTotals[] } | null;
}
