import { newId, type Queryable } from "@enclave/db";
import type { Location, Terminal } from "./records.ts";

/** Creates a location of a merchant. */
export async function createLocation(
  tx: Queryable,
  input: { merchantId: string; name: string; timezone: string; currency: string; address?: Record<string, string> },
): Promise<Location> {
  const r = await tx.query<Location>(
    `INSERT INTO locations (id, merchant_id, name, address, timezone, currency)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [newId("loc"), input.merchantId, input.name, JSON.stringify(input.address ?? {}), input.timezone, input.currency],
  );
  return r.rows[0] as Location;
}

/** Loads a location of this merchant (undefined for another merchant's id). */
export async function getLocation(q: Queryable, merchantId: string, id: string): Promise<Location | undefined> {
  const r = await q.query<Location>("SELECT * FROM locations WHERE id = $1 AND merchant_id = $2", [id, merchantId]);
  return r.rows[0];
}

/** Lists locations newest first after the cursor. */
export async function listLocations(
  q: Queryable,
  merchantId: string,
  page: { limit: number; startingAfter?: string | undefined },
): Promise<Location[]> {
  const r = await q.query<Location>(
    `SELECT * FROM locations WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [merchantId, page.startingAfter ?? null, page.limit],
  );
  return r.rows;
}

/** Creates a terminal at a location of the same merchant. */
export async function createTerminal(
  tx: Queryable,
  input: { merchantId: string; locationId: string; label: string },
): Promise<Terminal> {
  const r = await tx.query<Terminal>(
    `INSERT INTO terminals (id, merchant_id, location_id, label) VALUES ($1, $2, $3, $4) RETURNING *`,
    [newId("tml"), input.merchantId, input.locationId, input.label],
  );
  return r.rows[0] as Terminal;
}

/** Loads a terminal of this merchant. */
export async function getTerminal(q: Queryable, merchantId: string, id: string): Promise<Terminal | undefined> {
  const r = await q.query<Terminal>("SELECT * FROM terminals WHERE id = $1 AND merchant_id = $2", [id, merchantId]);
  return r.rows[0];
}

/** Lists terminals newest first after the cursor. */
export async function listTerminals(
  q: Queryable,
  merchantId: string,
  page: { limit: number; startingAfter?: string | undefined },
): Promise<Terminal[]> {
  const r = await q.query<Terminal>(
    `SELECT * FROM terminals WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [merchantId, page.startingAfter ?? null, page.limit],
  );
  return r.rows;
}
