import { newId, type Queryable } from "@enclave/db";
import type { Merchant } from "./records.ts";

/** What it takes to open a merchant account. */
export interface NewMerchant {
  name: string;
  country: string;
  defaultCurrency: string;
  pricesIncludeTax?: boolean;
}

/** Creates a merchant (the tenant every other row belongs to). */
export async function createMerchant(tx: Queryable, input: NewMerchant): Promise<Merchant> {
  const r = await tx.query<Merchant>(
    `INSERT INTO merchants (id, name, country, default_currency, prices_include_tax)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [newId("mer"), input.name, input.country, input.defaultCurrency, input.pricesIncludeTax ?? false],
  );
  return r.rows[0] as Merchant;
}

/** Loads a merchant by id. */
export async function getMerchant(q: Queryable, id: string): Promise<Merchant | undefined> {
  const r = await q.query<Merchant>("SELECT * FROM merchants WHERE id = $1", [id]);
  return r.rows[0];
}
