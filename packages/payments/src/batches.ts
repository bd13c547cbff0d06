import { newId, type Queryable } from "@enclave/db";
import type { Batch, BatchCurrencyTotals } from "./records.ts";

/**
 * The id of the terminal's open batch, opening one if there is none. Takes a share lock on it,
 * so a concurrent close (which takes an exclusive lock) waits until this transaction's capture
 * or refund is in the batch — no sale slips between "counted" and "closed".
 */
export async function openBatchId(tx: Queryable, merchantId: string, terminalId: string): Promise<string> {
  await tx.query(
    `INSERT INTO batches (id, merchant_id, terminal_id, status) VALUES ($1, $2, $3, 'open')
     ON CONFLICT (terminal_id) WHERE status = 'open' DO NOTHING`,
    [newId("bat"), merchantId, terminalId],
  );
  const r = await tx.query<{ id: string }>(
    "SELECT id FROM batches WHERE terminal_id = $1 AND merchant_id = $2 AND status = 'open' FOR SHARE",
    [terminalId, merchantId],
  );
  const id = r.rows[0]?.id;
  // A close committed between the two statements: open the next batch.
  return id ?? openBatchId(tx, merchantId, terminalId);
}

/**
 * Closes the terminal's open batch with its totals per currency, method and brand, computed in
 * SQL from the payments and refunds it holds. Undefined when nothing is open.
 */
export async function closeBatch(tx: Queryable, merchantId: string, terminalId: string): Promise<Batch | undefined> {
  const open = await tx.query<{ id: string }>(
    "SELECT id FROM batches WHERE terminal_id = $1 AND merchant_id = $2 AND status = 'open' FOR UPDATE",
    [terminalId, merchantId],
  );
  const id = open.rows[0]?.id;
  if (!id) return undefined;
  const sales = await tx.query<{
    currency: string;
    method: string;
    brand: string | null;
    count: number;
    amount: number;
  }>(
    `SELECT currency, method, card->>'brand' AS brand, count(*)::int8 AS count, sum(amount_captured)::int8 AS amount
     FROM payments WHERE batch_id = $1 GROUP BY currency, method, card->>'brand'`,
    [id],
  );
  const refunds = await tx.query<{ currency: string; count: number; amount: number }>(
    `SELECT currency, count(*)::int8 AS count, sum(amount)::int8 AS amount FROM refunds
     WHERE batch_id = $1 AND status = 'succeeded' GROUP BY currency`,
    [id],
  );
  const byCurrency = new Map<string, BatchCurrencyTotals>();
  const totalsFor = (currency: string) => {
    let t = byCurrency.get(currency);
    if (!t) {
      t = {
        currency,
        sales_count: 0,
        sales_amount: 0,
        refunds_count: 0,
        refunds_amount: 0,
        net_amount: 0,
        by_method: {},
        by_brand: {},
      };
      byCurrency.set(currency, t);
    }
    return t;
  };
  for (const row of sales.rows) {
    const t = totalsFor(row.currency);
    t.sales_count += row.count;
    t.sales_amount += row.amount;
    t.by_method[row.method] ??= { count: 0, amount: 0 };
    const m = t.by_method[row.method] as { count: number; amount: number };
    m.count += row.count;
    m.amount += row.amount;
    if (row.brand) {
      t.by_brand[row.brand] ??= { count: 0, amount: 0 };
      const b = t.by_brand[row.brand] as { count: number; amount: number };
      b.count += row.count;
      b.amount += row.amount;
    }
  }
  for (const row of refunds.rows) {
    const t = totalsFor(row.currency);
    t.refunds_count += row.count;
    t.refunds_amount += row.amount;
  }
  for (const t of byCurrency.values()) t.net_amount = t.sales_amount - t.refunds_amount;
  const totals = { currencies: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
  const r = await tx.query<Batch>(
    "UPDATE batches SET status = 'closed', closed_at = now(), totals = $2 WHERE id = $1 RETURNING *",
    [id, JSON.stringify(totals)],
  );
  return r.rows[0];
}

/** Loads a batch of this merchant. */
export async function getBatch(q: Queryable, merchantId: string, id: string): Promise<Batch | undefined> {
  const r = await q.query<Batch>("SELECT * FROM batches WHERE id = $1 AND merchant_id = $2", [id, merchantId]);
  return r.rows[0];
}

/** Lists batches newest first after the cursor, optionally of one terminal. */
export async function listBatches(
  q: Queryable,
  merchantId: string,
  page: { limit: number; startingAfter?: string | undefined; terminalId?: string | undefined },
): Promise<Batch[]> {
  const r = await q.query<Batch>(
    `SELECT * FROM batches WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2)
       AND ($3::text IS NULL OR terminal_id = $3) ORDER BY id DESC LIMIT $4`,
    [merchantId, page.startingAfter ?? null, page.terminalId ?? null, page.limit],
  );
  return r.rows;
}
