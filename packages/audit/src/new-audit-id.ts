import { randomBytes } from "node:crypto";

/**
 * A new id: prefix, then 12 hex digits of milliseconds since the epoch and 80 random bits.
 * Time first so that ids sort by creation time, which gives newest-first cursor pagination
 * an index to walk; 80 random bits so that two servers never collide.
 */
export function newAuditId(prefix: "aud" | "acp", now: Date): string {
  return `${prefix}_${now.getTime().toString(16).padStart(12, "0")}${randomBytes(10).toString("hex")}`;
}
