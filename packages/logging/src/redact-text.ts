import { maskPans } from "./mask-pans.ts";

const REDACTED = "[REDACTED]";

/**
 * One cheap test that every string passes through first: only a string that could hold something to mask
 * (13+ digits, or a word that announces a credential) goes on to the replacements below. Most log text
 * fails it, and is returned as the same string without any allocation.
 */
const MAYBE_SENSITIVE = new RegExp(
  [
    String.raw`\d(?:[ -]?\d){12}`,
    "sk_|rk_|whsec_|bearer|authori[sz]ation|cookie|passw|passphrase|secret|token|api[-_]?key|private",
    "cvv|cvc|pin|track|pan|card",
    String.raw`:\/\/[^\s/@]*:[^\s/@]*@`,
  ].join("|"),
  "i",
);

/** PEM private keys of any kind, also when cut off before their END line. */
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

/** The password in a URL's user info (`postgres://user:password@host/db`), as in a connection string. */
// The look-behind starts a scheme only where none could have started earlier: `\b` would also fire after
// every "-" in a long "a-a-a-…" and rescan the rest each time (quadratic).
const URL_PASSWORD = /((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s/?#@]+@/gi;

/**
 * Names that announce a credential in text, mirroring `REDACTED_KEYS` (bare `key` is too common in prose).
 * Written as a look-behind that runs at the end of an already captured word, so each word is scanned a
 * constant number of times: a lazy `[\w-]*?…[\w-]*` here would backtrack quadratically on one long word.
 */
const SECRET_WORD_END = `(?<=${[
  String.raw`(?:passw(?:or)?d|passphrase|secret)[\w-]*`, // contains
  "token|api[-_]?key|private[-_]?key", // ends with
  String.raw`(?<![\w-])(?:(?:proxy-)?authorization|pan|card[-_]?number|cvv2?|cvc2?|pin(?:[-_]?block)?|track[-_]?(?:[12]|data)?)`,
].join("|")})`;

/**
 * `name=value`, `name: value`, `"name":"value"` (JSON or a header dump) with a credential name. The value is
 * a quoted string, or a bare word optionally preceded by an HTTP auth scheme (`Authorization: Basic …`).
 * The name is one whole word (`(?=(w+))\2` is an atomic group), so `token_id` is not `token`; an already
 * masked value is matched whole, so redacting twice changes nothing.
 */
const SECRET_PAIR = new RegExp(
  [
    String.raw`(?<![\w-])(["']?)(?=([\w-]+))\2${SECRET_WORD_END}\1(\s*[:=]\s*)`,
    String.raw`(?:(["'])(?:\\.|(?!\4)[^\\])*\4`, // a quoted value, escapes included
    String.raw`|\[REDACTED\]`, // already masked
    String.raw`|(?:(?:Bearer|Basic|Digest|Token|Negotiate)\s+)?[^\s&,;"'<>)}\]]+)`, // a bare word
  ].join(""),
  "gi",
);

/** Cookie headers carry `a=b; c=d`, so the whole value up to the end of the line or quote goes. */
const COOKIE_HEADER = /(?<![\w-])(["']?)((?:set-)?cookie)\1(\s*[:=]\s*)(?:(["'])(?:\\.|(?!\4)[^\\])*\4|[^\r\n"']+)/gi;

/** A bearer token anywhere, also without an `Authorization` label. */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;

/** Stripe-style secret and restricted API keys and webhook secrets: masked down to their prefix. */
const API_KEY = /(?<![A-Za-z0-9])((?:sk|rk)_(?:live|test)_|whsec_)[A-Za-z0-9]+/g;

/**
 * Masks what must never reach a log in free text: card numbers (first six / last four kept, PCI DSS 3.4),
 * API secrets (`sk_live_…` → `sk_live_[REDACTED]`), bearer tokens, values labelled as credentials
 * (`password=…`, `"token":"…"`, `Authorization: …`), URL passwords and PEM private keys.
 * Returns `s` itself when there is nothing to mask.
 */
export function redactText(s: string): string {
  if (s.length < 6 || !MAYBE_SENSITIVE.test(s)) return s;
  return maskPans(
    s
      .replace(PEM_PRIVATE_KEY, "[REDACTED PRIVATE KEY]")
      .replace(URL_PASSWORD, `$1${REDACTED}@`)
      .replace(COOKIE_HEADER, redactPair)
      .replace(SECRET_PAIR, redactPair)
      .replace(BEARER, `$1 ${REDACTED}`)
      .replace(API_KEY, `$1${REDACTED}`),
  );
}

function redactPair(_match: string, quote: string, name: string, separator: string, valueQuote?: string): string {
  const q = valueQuote ?? "";
  return `${quote}${name}${quote}${separator}${q}${REDACTED}${q}`;
}
