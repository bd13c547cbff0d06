/**
 * Finds something that looks like a primary account number in free text: a run of 13–19 digits
 * (single spaces or dashes allowed between them, as people type card numbers), starting with a
 * card-network digit 2–6, that passes the Luhn check — or starts with 62, since genuine
 * UnionPay numbers may fail Luhn. Returns the index of the match, or -1.
 *
 * Defense in depth for "a clear PAN is never in a log" (PCI DSS 3.3/3.4): keeping card data out
 * is the caller's job, this catches the mistake before it becomes permanent in an append-only
 * table that nobody can clean up. Runs glued to letters (random ids, hex) are not card numbers.
 */
export function findCardNumber(text: string): number {
  for (const match of text.matchAll(/(?<![A-Za-z0-9])\d(?:[ -]?\d){12,}(?![A-Za-z0-9])/g)) {
    const digits = match[0].replace(/[ -]/g, "");
    if (digits.length < 13 || digits.length > 19) continue;
    const first = digits.charCodeAt(0) - 48;
    if (first < 2 || first > 6) continue;
    if (digits.startsWith("62") || luhnValid(digits)) return match.index;
  }
  return -1;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
