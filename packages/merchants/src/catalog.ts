import { newId, type Queryable, SqlState, sqlState } from "@enclave/db";
import { MerchantsError } from "./errors.ts";
import type { CatalogItem } from "./records.ts";

/** A new catalog item. */
export interface NewCatalogItem {
  merchantId: string;
  sku: string;
  name: string;
  unitAmount: number;
  currency: string;
  taxRateBps: number;
}

/** Creates a catalog item; a SKU is unique within a merchant. */
export async function createCatalogItem(tx: Queryable, input: NewCatalogItem): Promise<CatalogItem> {
  try {
    const r = await tx.query<CatalogItem>(
      `INSERT INTO catalog_items (id, merchant_id, sku, name, unit_amount, currency, tax_rate_bps)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [newId("itm"), input.merchantId, input.sku, input.name, input.unitAmount, input.currency, input.taxRateBps],
    );
    return r.rows[0] as CatalogItem;
  } catch (error) {
    if (sqlState(error) === SqlState.uniqueViolation) {
      throw new MerchantsError("SKU_TAKEN", `SKU ${input.sku} already exists`, "sku");
    }
    throw error;
  }
}

/** Changes the fields given of a merchant's catalog item. */
export async function updateCatalogItem(
  tx: Queryable,
  merchantId: string,
  id: string,
  patch: {
    name?: string | undefined;
    unitAmount?: number | undefined;
    taxRateBps?: number | undefined;
    active?: boolean | undefined;
  },
): Promise<CatalogItem | undefined> {
  const r = await tx.query<CatalogItem>(
    `UPDATE catalog_items SET name = coalesce($3, name), unit_amount = coalesce($4, unit_amount),
       tax_rate_bps = coalesce($5, tax_rate_bps), active = coalesce($6, active)
     WHERE id = $1 AND merchant_id = $2 RETURNING *`,
    [id, merchantId, patch.name ?? null, patch.unitAmount ?? null, patch.taxRateBps ?? null, patch.active ?? null],
  );
  return r.rows[0];
}

/** Loads catalog items of this merchant by id; ids of other merchants are simply absent. */
export async function getCatalogItems(
  q: Queryable,
  merchantId: string,
  ids: readonly string[],
): Promise<Map<string, CatalogItem>> {
  const r = await q.query<CatalogItem>("SELECT * FROM catalog_items WHERE merchant_id = $1 AND id = ANY($2::text[])", [
    merchantId,
    ids,
  ]);
  return new Map(r.rows.map((row) => [row.id, row]));
}

/** Lists catalog items newest first after the cursor. */
export async function listCatalogItems(
  q: Queryable,
  merchantId: string,
  page: { limit: number; startingAfter?: string | undefined },
): Promise<CatalogItem[]> {
  const r = await q.query<CatalogItem>(
    `SELECT * FROM catalog_items WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [merchantId, page.startingAfter ?? null, page.limit],
  );
  return r.rows;
}
