import { createHash } from "node:crypto";
import { type Queryable, SqlState, sqlState } from "@enclave/db";
import { ApiError } from "./api-error.ts";

/** The idempotency key of a request in progress, carried to the transaction that saves it. */
export interface IdempotencyContext {
  key: string;
  method: string;
  path: string;
  requestHash: Buffer;
}

/** A saved response to send again. */
export interface SavedResponse {
  status: number;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Hash of what makes two requests "the same": method, path and body. */
export function requestHash(method: string, path: string, body: unknown): Buffer {
  return createHash("sha256")
    .update(`${method}\n${path}\n${canonical(body ?? null)}`)
    .digest();
}

/**
 * Idempotency for money-moving POSTs (DESIGN §6): same key + same request → the saved response;
 * same key + another request → 422; the same key while the first is still running → 409.
 *
 * The saved response is written by `saveResponse` inside the same transaction as the change, so
 * a crash leaves neither. "Still running" is known in this process by the in-flight set, and
 * across processes by the primary key: a second process that finishes the same key loses on
 * the unique index and its transaction rolls back whole.
 */
export function createIdempotency(db: Queryable) {
  const inFlight = new Set<string>();
  return {
    /** Validates the key and returns a saved response to replay, or a context plus a release. */
    async begin(
      merchantId: string,
      rawKey: string | string[] | undefined,
      method: string,
      path: string,
      body: unknown,
      required: boolean,
    ): Promise<{ replay: SavedResponse } | { context: IdempotencyContext | undefined; release: () => void }> {
      if (rawKey === undefined) {
        if (required) {
          throw new ApiError(
            400,
            "idempotency_error",
            "idempotency_key_missing",
            "This request moves money: send an Idempotency-Key header.",
          );
        }
        return { context: undefined, release: () => {} };
      }
      const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
      if (!key || !KEY_PATTERN.test(key)) {
        throw new ApiError(
          400,
          "idempotency_error",
          "idempotency_key_invalid",
          "The Idempotency-Key must be 1 to 255 printable ASCII characters.",
        );
      }
      const hash = requestHash(method, path, body);
      const slot = `${merchantId}\u0000${key}`;
      if (inFlight.has(slot)) {
        throw new ApiError(
          409,
          "idempotency_error",
          "idempotency_key_in_use",
          "A request with this Idempotency-Key is still in progress; retry shortly.",
        );
      }
      // Claimed before the first await, so two requests in this process can never both pass.
      inFlight.add(slot);
      try {
        const saved = await db.query<{ request_hash: Buffer; response_status: number; response_body: unknown }>(
          "SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE merchant_id = $1 AND key = $2",
          [merchantId, key],
        );
        const row = saved.rows[0];
        if (row) {
          inFlight.delete(slot);
          if (!Buffer.from(row.request_hash).equals(hash)) {
            throw new ApiError(
              422,
              "idempotency_error",
              "idempotency_key_reused",
              "This Idempotency-Key was used with a different request.",
            );
          }
          return { replay: { status: row.response_status, body: row.response_body } };
        }
      } catch (error) {
        inFlight.delete(slot);
        throw error;
      }
      return { context: { key, method, path, requestHash: hash }, release: () => inFlight.delete(slot) };
    },
  };
}

/** The idempotency service of one server. */
export type Idempotency = ReturnType<typeof createIdempotency>;

/** Saves the response of an idempotent request inside the transaction of its change. */
export async function saveResponse(
  tx: Queryable,
  merchantId: string,
  context: IdempotencyContext | undefined,
  response: SavedResponse,
): Promise<void> {
  if (!context) return;
  try {
    await tx.query(
      `INSERT INTO idempotency_keys (merchant_id, key, request_method, request_path, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        merchantId,
        context.key,
        context.method,
        context.path,
        context.requestHash,
        response.status,
        JSON.stringify(response.body),
      ],
    );
  } catch (error) {
    // Another server process finished the same key first: this transaction rolls back whole.
    if (sqlState(error) === SqlState.uniqueViolation) {
      throw new ApiError(
        409,
        "idempotency_error",
        "idempotency_key_in_use",
        "A request with this Idempotency-Key was completed concurrently; retry to get its response.",
      );
    }
    throw error;
  }
}
