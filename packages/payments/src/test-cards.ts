import type { CardDetails } from "./records.ts";

/**
 * Named test cards for test mode. Each stands for a published test card number (the last four
 * digits match it), so the card-data issue can put the real number behind the same name in the
 * virtual reader. A card with a `decline` always declines with that ISO 8583 response code.
 */
export const TEST_CARDS = {
  visa: { brand: "visa", last4: "4242", funding: "credit" },
  visa_debit: { brand: "visa", last4: "5556", funding: "debit" },
  mastercard: { brand: "mastercard", last4: "4444", funding: "credit" },
  mastercard_2series: { brand: "mastercard", last4: "3222", funding: "credit" },
  amex: { brand: "amex", last4: "0005", funding: "credit" },
  discover: { brand: "discover", last4: "1117", funding: "credit" },
  jcb: { brand: "jcb", last4: "0505", funding: "credit" },
  diners: { brand: "diners", last4: "0004", funding: "credit" },
  unionpay: { brand: "unionpay", last4: "0005", funding: "credit" },
  maestro: { brand: "maestro", last4: "0000", funding: "debit" },
  declined: { brand: "visa", last4: "0002", funding: "credit", decline: "05" },
  insufficient_funds: { brand: "visa", last4: "9995", funding: "debit", decline: "51" },
  lost_card: { brand: "visa", last4: "9987", funding: "credit", decline: "41" },
  stolen_card: { brand: "visa", last4: "9979", funding: "credit", decline: "43" },
  expired_card: { brand: "visa", last4: "0069", funding: "credit", decline: "54" },
  fraudulent: { brand: "visa", last4: "0019", funding: "credit", decline: "59" },
} as const satisfies Record<
  string,
  { brand: string; last4: string; funding: CardDetails["funding"]; decline?: string }
>;

/** The name of a test card. */
export type TestCardName = keyof typeof TEST_CARDS;

/** ISO 8583 response codes (field 39) that decline, with our decline code and the cashier's message. */
export const DECLINE_REASONS = {
  "05": { decline_code: "do_not_honor", message: "The card was declined." },
  "51": { decline_code: "insufficient_funds", message: "The card has insufficient funds." },
  "54": { decline_code: "expired_card", message: "The card has expired." },
  "41": { decline_code: "lost_card", message: "The card was declined (reported lost)." },
  "43": { decline_code: "stolen_card", message: "The card was declined (reported stolen)." },
  "04": { decline_code: "pickup_card", message: "The card was declined; keep the card if safe to do so." },
  "59": { decline_code: "fraudulent", message: "The card was declined as suspected fraud." },
  "12": { decline_code: "invalid_transaction", message: "The transaction is not allowed for this card." },
} as const;

/** A response code that declines. */
export type DeclineResponseCode = keyof typeof DECLINE_REASONS;

/**
 * Magic amounts (minor units) that drive outcomes with any approving test card, so a tester can
 * exercise each path with a real card name. `issuer_unavailable` gets no answer: the processor
 * reverses and the cashier sees "unknown — reversed, try again". `partial` approves half.
 */
export const MAGIC_AMOUNTS: Readonly<Record<number, DeclineResponseCode | "issuer_unavailable" | "partial">> = {
  10005: "05",
  10051: "51",
  10054: "54",
  10041: "41",
  10043: "43",
  10004: "04",
  10059: "59",
  10012: "12",
  10091: "issuer_unavailable",
  10010: "partial",
};

/** Looks up a test card by name. */
export function testCard(name: string): (typeof TEST_CARDS)[TestCardName] | undefined {
  return Object.hasOwn(TEST_CARDS, name) ? TEST_CARDS[name as TestCardName] : undefined;
}
