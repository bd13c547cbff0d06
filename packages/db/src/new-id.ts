import { randomBytes } from "node:crypto";

// Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped from a receipt.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A new identifier `<prefix>_<26 chars>`: 48 bits of milliseconds then 80 random bits, in
 * Crockford base32 (the ULID layout). Ids sort by creation time, which makes `id` alone a stable
 * cursor for pagination, and the random part makes them unguessable across tenants.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += ALPHABET[(bytes[i] as number) & 31];
  return `${prefix}_${time}${rand}`;
}

/** True when `id` has the shape of an id with this prefix (a cheap check before any query). */
export function isId(prefix: string, id: string): boolean {
  return (
    id.length === prefix.length + 27 &&
    id.startsWith(`${prefix}_`) &&
    /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id.slice(prefix.length + 1))
  );
}
