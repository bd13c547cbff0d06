import { newId, type Queryable } from "@enclave/db";
import type { Order } from "./records.ts";

/** An order as priced by the caller with @enclave/money, ready to store. */
export type NewOrder = Omit<Order, "id" | "status" | "amount_paid" | "amount_refunded" | "created_at" | "updated_at">;

/** Stores a new open order. */
export async function insertOrder(tx: Queryable, order: NewOrder): Promise<Order> {
  const r = await tx.query<Order>(
    `INSERT INTO orders (id, merchant_id, location_id, status, currency, prices_include_tax, subtotal, discount_total,
       tax_total, tip_amount, total, lines, discounts, metadata)
     VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
    [
      newId("ord"),
      order.merchant_id,
      order.location_id,
      order.currency,
      order.prices_include_tax,
      order.subtotal,
      order.discount_total,
      order.tax_total,
      order.tip_amount,
      order.total,
      JSON.stringify(order.lines),
      JSON.stringify(order.discounts),
      JSON.stringify(order.metadata),
    ],
  );
  return r.rows[0] as Order;
}

/** Loads an order of this merchant; `forUpdate` locks it until the transaction ends. */
export async function getOrder(
  q: Queryable,
  merchantId: string,
  id: string,
  forUpdate = false,
): Promise<Order | undefined> {
  const r = await q.query<Order>(
    `SELECT * FROM orders WHERE id = $1 AND merchant_id = $2${forUpdate ? " FOR UPDATE" : ""}`,
    [id, merchantId],
  );
  return r.rows[0];
}

/** Lists orders newest first after the cursor. */
export async function listOrders(
  q: Queryable,
  merchantId: string,
  page: { limit: number; startingAfter?: string | undefined },
): Promise<Order[]> {
  const r = await q.query<Order>(
    "SELECT * FROM orders WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
    [merchantId, page.startingAfter ?? null, page.limit],
  );
  return r.rows;
}

/** Cancels an open order that has nothing paid. */
export async function cancelOrder(tx: Queryable, merchantId: string, id: string): Promise<Order | undefined> {
  const r = await tx.query<Order>(
    `UPDATE orders SET status = 'canceled', updated_at = now()
     WHERE id = $1 AND merchant_id = $2 AND status = 'open' AND amount_paid = 0 RETURNING *`,
    [id, merchantId],
  );
  return r.rows[0];
}

/**
 * Adds a captured amount to the order; the order becomes `paid` once fully paid. Returns the
 * order after the change.
 */
export async function addOrderPayment(tx: Queryable, merchantId: string, id: string, amount: number): Promise<Order> {
  const r = await tx.query<Order>(
    `UPDATE orders SET amount_paid = amount_paid + $3,
       status = CASE WHEN amount_paid + $3 >= total THEN 'paid' ELSE status END, updated_at = now()
     WHERE id = $1 AND merchant_id = $2 RETURNING *`,
    [id, merchantId, amount],
  );
  return r.rows[0] as Order;
}

/** Records a refund against the order: its amount and, for line refunds, the new lines. */
export async function addOrderRefund(
  tx: Queryable,
  merchantId: string,
  id: string,
  amount: number,
  lines?: Order["lines"],
): Promise<void> {
  await tx.query(
    `UPDATE orders SET amount_refunded = amount_refunded + $3, lines = coalesce($4::jsonb, lines), updated_at = now()
     WHERE id = $1 AND merchant_id = $2`,
    [id, merchantId, amount, lines ? JSON.stringify(lines) : null],
  );
}

/**
 * The amount of an order already spoken for by its live payments (processing, awaiting capture
 * or succeeded). A new payment may only take what is left, so two terminals can never
 * overcharge one order.
 */
export async function reservedOrderAmount(tx: Queryable, orderId: string): Promise<number> {
  const r = await tx.query<{ reserved: number }>(
    `SELECT coalesce(sum(CASE WHEN status = 'succeeded' THEN amount_captured ELSE amount END), 0)::int8 AS reserved
     FROM payments WHERE order_id = $1 AND status IN ('processing', 'requires_capture', 'succeeded')`,
    [orderId],
  );
  return r.rows[0]?.reserved ?? 0;
}
