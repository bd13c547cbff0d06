import type { Queryable } from "@enclave/db";
import { API_KEY_PATTERN, hashApiKeySecret } from "./api-key-secret.ts";

/** Who is calling: the merchant the key belongs to and its mode. */
export interface ApiKeyPrincipal {
  apiKeyId: string;
  merchantId: string;
  livemode: boolean;
}

/**
 * Finds the active key whose secret this is. Malformed secrets are refused before any query.
 * The lookup is by the secret's hash, so response time reveals nothing about stored secrets.
 */
export async function authenticateApiKey(q: Queryable, secret: string): Promise<ApiKeyPrincipal | undefined> {
  if (!API_KEY_PATTERN.test(secret)) return undefined;
  const r = await q.query<{ id: string; merchant_id: string; mode: string }>(
    "SELECT id, merchant_id, mode FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL",
    [hashApiKeySecret(secret)],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return { apiKeyId: row.id, merchantId: row.merchant_id, livemode: row.mode === "live" };
}
