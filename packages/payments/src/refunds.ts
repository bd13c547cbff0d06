import { newId, type Queryable } from "@enclave/db";
import type { Payment, Refund } from "./records.ts";

/**
 * Adds `amount` to the payment's refunded total only if it stays within what was captured. This
 * single guarded UPDATE is what makes concurrent refunds safe: the row lock serializes them and
 * the condition is re-checked on the latest row. Returns undefined when it would exceed.
 */
export async function reserveRefund(
  tx: Queryable,
  merchantId: string,
  paymentId: string,
  amount: number,
): Promise<Payment | undefined> {
  const r = await tx.query<Payment>(
    `UPDATE payments SET amount_refunded = amount_refunded + $3, updated_at = now()
     WHERE id = $1 AND merchant_id = $2 AND status = 'succeeded' AND amount_refunded + $3 <= amount_captured
     RETURNING *`,
    [paymentId, merchantId, amount],
  );
  return r.rows[0];
}

/** Stores a refund. */
export async function insertRefund(
  tx: Queryable,
  refund: Omit<Refund, "id" | "created_at"> & { id?: string },
): Promise<Refund> {
  const r = await tx.query<Refund>(
    `INSERT INTO refunds (id, merchant_id, payment_id, terminal_id, amount, currency, status, reason, lines,
       processor_reference, batch_id, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      refund.id ?? newId("re"),
      refund.merchant_id,
      refund.payment_id,
      refund.terminal_id,
      refund.amount,
      refund.currency,
      refund.status,
      refund.reason,
      refund.lines ? JSON.stringify(refund.lines) : null,
      refund.processor_reference,
      refund.batch_id,
      JSON.stringify(refund.metadata),
    ],
  );
  return r.rows[0] as Refund;
}

/** Loads a refund of this merchant. */
export async function getRefund(q: Queryable, merchantId: string, id: string): Promise<Refund | undefined> {
  const r = await q.query<Refund>("SELECT * FROM refunds WHERE id = $1 AND merchant_id = $2", [id, merchantId]);
  return r.rows[0];
}

/** Lists refunds newest first after the cursor, optionally of one payment. */
export async function listRefunds(
  q: Queryable,
  merchantId: string,
  page: { limit: number; startingAfter?: string | undefined; paymentId?: string | undefined },
): Promise<Refund[]> {
  const r = await q.query<Refund>(
    `SELECT * FROM refunds WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2)
       AND ($3::text IS NULL OR payment_id = $3) ORDER BY id DESC LIMIT $4`,
    [merchantId, page.startingAfter ?? null, page.paymentId ?? null, page.limit],
  );
  return r.rows;
}
