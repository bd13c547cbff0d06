import { newId, type Queryable } from "@enclave/db";
import type { Payment, PaymentStatus } from "./records.ts";

/** The fields of a new payment. */
export interface NewPayment {
  merchant_id: string;
  livemode: boolean;
  order_id: string | null;
  terminal_id: string;
  method: Payment["method"];
  capture_method: Payment["capture_method"];
  currency: string;
  amount: number;
  metadata: Record<string, string>;
}

/** Stores a payment awaiting its payment method. */
export async function insertPayment(tx: Queryable, p: NewPayment): Promise<Payment> {
  const r = await tx.query<Payment>(
    `INSERT INTO payments (id, merchant_id, livemode, order_id, terminal_id, method, status, capture_method, currency,
       amount, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, 'requires_payment_method', $7, $8, $9, $10) RETURNING *`,
    [
      newId("pay"),
      p.merchant_id,
      p.livemode,
      p.order_id,
      p.terminal_id,
      p.method,
      p.capture_method,
      p.currency,
      p.amount,
      JSON.stringify(p.metadata),
    ],
  );
  return r.rows[0] as Payment;
}

/** Loads a payment of this merchant; `forUpdate` locks it until the transaction ends. */
export async function getPayment(
  q: Queryable,
  merchantId: string,
  id: string,
  forUpdate = false,
): Promise<Payment | undefined> {
  const r = await q.query<Payment>(
    `SELECT * FROM payments WHERE id = $1 AND merchant_id = $2${forUpdate ? " FOR UPDATE" : ""}`,
    [id, merchantId],
  );
  return r.rows[0];
}

/** Lists payments newest first after the cursor, optionally of one order. */
export async function listPayments(
  q: Queryable,
  merchantId: string,
  page: { limit: number; startingAfter?: string | undefined; orderId?: string | undefined },
): Promise<Payment[]> {
  const r = await q.query<Payment>(
    `SELECT * FROM payments WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2)
       AND ($3::text IS NULL OR order_id = $3) ORDER BY id DESC LIMIT $4`,
    [merchantId, page.startingAfter ?? null, page.orderId ?? null, page.limit],
  );
  return r.rows;
}

/** Fields a transition may set besides the status. Column names come only from this list. */
export type PaymentPatch = Partial<
  Pick<
    Payment,
    | "amount"
    | "amount_authorized"
    | "amount_captured"
    | "cash_tendered"
    | "card"
    | "processor_reference"
    | "authorization_code"
    | "last_error"
    | "cancellation_reason"
    | "batch_id"
    | "method"
  >
>;
const JSON_COLUMNS = new Set(["card", "last_error"]);

/**
 * Moves a payment from `from` to `to` and sets `patch`, only if it is still in `from`: the
 * WHERE guard makes every transition atomic, so of two concurrent requests exactly one wins.
 * Returns the updated payment, or undefined when the guard failed.
 */
export async function transitionPayment(
  tx: Queryable,
  merchantId: string,
  id: string,
  from: PaymentStatus,
  to: PaymentStatus,
  patch: PaymentPatch = {},
): Promise<Payment | undefined> {
  const sets = ["status = $4", "updated_at = now()"];
  const params: unknown[] = [id, merchantId, from, to];
  for (const [column, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    params.push(JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}`);
  }
  const r = await tx.query<Payment>(
    `UPDATE payments SET ${sets.join(", ")} WHERE id = $1 AND merchant_id = $2 AND status = $3 RETURNING *`,
    params,
  );
  return r.rows[0];
}

/** Payments stuck in `processing` longer than `olderThanMs` (their request died mid-way). */
export async function listStuckPayments(q: Queryable, olderThanMs: number, limit = 100): Promise<Payment[]> {
  const r = await q.query<Payment>(
    `SELECT * FROM payments WHERE status = 'processing' AND updated_at < now() - make_interval(secs => $1)
     ORDER BY updated_at LIMIT $2`,
    [olderThanMs / 1000, limit],
  );
  return r.rows;
}
