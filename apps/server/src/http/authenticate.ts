import { createHash } from "node:crypto";
import type { Queryable } from "@enclave/db";
import { type ApiKeyPrincipal, authenticateApiKey } from "@enclave/merchants";
import { ApiError } from "./api-error.ts";

/** Options of the API key authenticator. */
export interface AuthenticatorOptions {
  db: Queryable;
  /** Failed attempts per IP per minute before further attempts get 429 (brute-force brake). */
  failuresPerMinute: number;
  /** How long a verified key is trusted without a lookup; revocation in this process is immediate. */
  cacheMs?: number;
  now?: () => number;
}

/** Resolves the API key of a request to its merchant, or throws a 401/429 ApiError. */
export interface Authenticator {
  authenticate(authorization: string | undefined, ip: string): Promise<ApiKeyPrincipal>;
  /** Forget cached principals (after a revocation). */
  forget(): void;
}

/** Reads `Authorization: Bearer sk_…` (or Basic with the key as user name, as Stripe clients send). */
function secretFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(" ", 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === "bearer") return value.trim();
  if (scheme?.toLowerCase() === "basic") return Buffer.from(value, "base64").toString("utf8").split(":")[0];
  return undefined;
}

/** Creates the authenticator with its small in-memory cache and per-IP failure counter. */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 5000;
  const cache = new Map<string, { principal: ApiKeyPrincipal; until: number }>();
  const failures = new Map<string, { count: number; windowStart: number }>();

  const tooMany = (ip: string) => {
    const f = failures.get(ip);
    return f !== undefined && now() - f.windowStart < 60_000 && f.count >= options.failuresPerMinute;
  };
  const fail = (ip: string) => {
    const f = failures.get(ip);
    if (!f || now() - f.windowStart >= 60_000) failures.set(ip, { count: 1, windowStart: now() });
    else f.count++;
    if (failures.size > 100_000) failures.clear(); // bounded memory under a spray of source addresses
  };

  return {
    async authenticate(authorization, ip) {
      // Brute-force brake: an address that keeps guessing keys is stopped before any lookup.
      if (tooMany(ip))
        throw new ApiError(
          429,
          "rate_limit_error",
          "too_many_auth_failures",
          "Too many failed API key attempts; wait a minute.",
        );
      const secret = secretFrom(authorization);
      if (!secret) {
        fail(ip);
        throw new ApiError(
          401,
          "authentication_error",
          "api_key_missing",
          "Send your API key as 'Authorization: Bearer sk_…'.",
        );
      }
      const cacheKey = createHash("sha256").update(secret).digest("base64");
      const hit = cache.get(cacheKey);
      if (hit && hit.until > now()) return hit.principal;
      const principal = await authenticateApiKey(options.db, secret);
      if (!principal) {
        fail(ip);
        // Never echo the presented key, not even in part.
        throw new ApiError(401, "authentication_error", "api_key_invalid", "The API key is invalid or revoked.");
      }
      if (cache.size > 10_000) cache.clear();
      cache.set(cacheKey, { principal, until: now() + cacheMs });
      return principal;
    },
    forget() {
      cache.clear();
    },
  };
}
