import { newId, type Queryable } from "@enclave/db";
import { displayPrefix, generateApiKeySecret, hashApiKeySecret } from "./api-key-secret.ts";
import type { ApiKey } from "./records.ts";

/**
 * Creates an API key scoped to one merchant. The secret is returned here once and never stored:
 * only its hash is kept, so it cannot be shown again — a lost key is revoked and replaced.
 */
export async function createApiKey(
  tx: Queryable,
  input: { merchantId: string; mode: "test" | "live"; name: string },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const secret = generateApiKeySecret(input.mode);
  const r = await tx.query<ApiKey>(
    `INSERT INTO api_keys (id, merchant_id, mode, name, display_prefix, secret_hash)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, merchant_id, mode, name, display_prefix, created_at, revoked_at`,
    [newId("key"), input.merchantId, input.mode, input.name, displayPrefix(secret), hashApiKeySecret(secret)],
  );
  return { apiKey: r.rows[0] as ApiKey, secret };
}

/** Revokes a key of this merchant; returns it, or undefined when no such key belongs to it. */
export async function revokeApiKey(tx: Queryable, merchantId: string, id: string): Promise<ApiKey | undefined> {
  const r = await tx.query<ApiKey>(
    `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND merchant_id = $2
     RETURNING id, merchant_id, mode, name, display_prefix, created_at, revoked_at`,
    [id, merchantId],
  );
  return r.rows[0];
}

/** Lists a merchant's keys (display form only). */
export async function listApiKeys(q: Queryable, merchantId: string): Promise<ApiKey[]> {
  const r = await q.query<ApiKey>(
    `SELECT id, merchant_id, mode, name, display_prefix, created_at, revoked_at FROM api_keys
     WHERE merchant_id = $1 ORDER BY id DESC`,
    [merchantId],
  );
  return r.rows;
}
