import type { ApiKey, CatalogItem, Location, Merchant, Terminal } from "@enclave/merchants";
import type { StoredEvent } from "@enclave/outbox";
import type { Batch, Order, Payment, Refund } from "@enclave/payments";
import { iso } from "./schemas.ts";

// Presenters turn stored rows into API objects. Each names its fields explicitly (an allowlist),
// and the route's response schema strips anything else, so no column leaks by accident.

/** The API form of a merchant. */
export const presentMerchant = (m: Merchant) => ({
  id: m.id,
  object: "merchant" as const,
  name: m.name,
  country: m.country,
  default_currency: m.default_currency,
  prices_include_tax: m.prices_include_tax,
  created_at: iso(m.created_at) as string,
});

/** The API form of a location. */
export const presentLocation = (l: Location) => ({
  id: l.id,
  object: "location" as const,
  name: l.name,
  address: l.address,
  timezone: l.timezone,
  currency: l.currency,
  created_at: iso(l.created_at) as string,
});

/** The API form of a terminal. */
export const presentTerminal = (t: Terminal) => ({
  id: t.id,
  object: "terminal" as const,
  location: t.location_id,
  label: t.label,
  created_at: iso(t.created_at) as string,
});

/** The API form of a catalog item. */
export const presentCatalogItem = (i: CatalogItem) => ({
  id: i.id,
  object: "catalog_item" as const,
  sku: i.sku,
  name: i.name,
  unit_amount: i.unit_amount,
  currency: i.currency,
  tax_rate_bps: i.tax_rate_bps,
  active: i.active,
  created_at: iso(i.created_at) as string,
});

/** The API form of an order. */
export const presentOrder = (o: Order) => ({
  id: o.id,
  object: "order" as const,
  location: o.location_id,
  status: o.status,
  currency: o.currency,
  prices_include_tax: o.prices_include_tax,
  lines: o.lines,
  discounts: o.discounts,
  subtotal: o.subtotal,
  discount_total: o.discount_total,
  tax_total: o.tax_total,
  tip_amount: o.tip_amount,
  total: o.total,
  amount_paid: o.amount_paid,
  amount_due: Math.max(0, o.total - o.amount_paid),
  amount_refunded: o.amount_refunded,
  metadata: o.metadata,
  created_at: iso(o.created_at) as string,
  updated_at: iso(o.updated_at) as string,
});

/** The API form of a payment: card details are brand, last 4 and expiry only. */
export const presentPayment = (p: Payment) => ({
  id: p.id,
  object: "payment" as const,
  livemode: p.livemode,
  order: p.order_id,
  terminal: p.terminal_id,
  payment_method_type: p.method,
  status: p.status,
  capture_method: p.capture_method,
  currency: p.currency,
  amount: p.amount,
  amount_authorized: p.amount_authorized,
  amount_captured: p.amount_captured,
  amount_refunded: p.amount_refunded,
  cash: p.cash_tendered === null ? null : { tendered: p.cash_tendered, change: p.cash_tendered - p.amount_captured },
  card: p.card
    ? {
        brand: p.card.brand,
        last4: p.card.last4,
        exp_month: p.card.exp_month,
        exp_year: p.card.exp_year,
        funding: p.card.funding,
        entry_mode: p.card.entry_mode,
      }
    : null,
  authorization_code: p.authorization_code,
  last_payment_error: p.last_error,
  cancellation_reason: p.cancellation_reason,
  batch: p.batch_id,
  metadata: p.metadata,
  created_at: iso(p.created_at) as string,
  updated_at: iso(p.updated_at) as string,
});

/** The API form of a refund. */
export const presentRefund = (r: Refund) => ({
  id: r.id,
  object: "refund" as const,
  payment: r.payment_id,
  terminal: r.terminal_id,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  reason: r.reason,
  lines: r.lines,
  batch: r.batch_id,
  metadata: r.metadata,
  created_at: iso(r.created_at) as string,
});

/** The API form of a batch. */
export const presentBatch = (b: Batch) => ({
  id: b.id,
  object: "batch" as const,
  terminal: b.terminal_id,
  status: b.status,
  opened_at: iso(b.opened_at) as string,
  closed_at: iso(b.closed_at),
  totals: b.totals,
});

/** The API form of an event. */
export const presentEvent = (e: StoredEvent) => ({
  id: e.id,
  object: "event" as const,
  type: e.type,
  livemode: e.livemode,
  data: { object: e.data },
  created_at: iso(e.created_at) as string,
});

/** The API form of an API key; `secret` only when just created. */
export const presentApiKey = (k: ApiKey, secret?: string) => ({
  id: k.id,
  object: "api_key" as const,
  mode: k.mode,
  name: k.name,
  display: k.display_prefix,
  created_at: iso(k.created_at) as string,
  revoked_at: iso(k.revoked_at),
  ...(secret ? { secret } : {}),
});
