/**
 * Property names whose values are always replaced by `[REDACTED]`, wherever they sit in a log record.
 * Matching ignores case and `-`/`_` (so `apiKey`, `API_KEY` and `api-key` are one name). Beyond this exact list:
 * - any name containing `password`, `passwd`, `passphrase` or `secret` (`newPassword`, `webhookSecret`);
 * - any name ending in `token`, `api_key`, `private_key` or `cookie` (`accessToken`, `stripeApiKey`);
 * - `number` inside anything named like a card (`card.number`, `cards[0].number`).
 *
 * Deliberately not secret: names that merely refer to a secret (`token_id`, `tokenId`, `token_type`,
 * `key_id`, `pan_last4`) and `idempotency-key`. An identifier is a lookup handle, not the credential, and
 * support needs it to trace a request; a real credential or PAN in such a field is still caught by value.
 */
export const REDACTED_KEYS: readonly string[] = Object.freeze([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "password",
  "passphrase",
  "secret",
  "client_secret",
  "token",
  "access_token",
  "refresh_token",
  "api_key",
  "x-api-key",
  "pan",
  "card_number",
  "cvv",
  "cvv2",
  "cvc",
  "cvc2",
  "track",
  "track1",
  "track2",
  "track_data",
  "pin",
  "pin_block",
  "key",
  "private_key",
]);

/** A name from the list with every `-`/`_` made optional, so one spelling covers camelCase and kebab-case. */
const flexible = (name: string) => name.replace(/[-_]/g, "[-_]?");

// One precompiled case-insensitive regular expression: a name is tested for every property of every record,
// and this measured several times faster than lower-casing and comparing strings, which allocates.
const SECRET_KEY = new RegExp(
  [
    `^(?:${REDACTED_KEYS.map(flexible).join("|")})$`,
    "passw(?:or)?d|passphrase|secret",
    "(?:token|api[-_]?key|private[-_]?key|cookie)$",
  ].join("|"),
  "i",
);
const CARD_PARENT = /card/i;

/** Whether the value under `key` (inside an object that sits under `parentKey`) must never be logged. */
export function isRedactedKey(key: string, parentKey?: string): boolean {
  if (SECRET_KEY.test(key)) return true;
  // A bare `number` is only a PAN when it belongs to a card; an order or a receipt number is not.
  return parentKey !== undefined && key.length === 6 && /^number$/i.test(key) && CARD_PARENT.test(parentKey);
}
