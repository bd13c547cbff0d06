/**
 * Candidate runs: at least 13 digits, where single spaces or dashes may separate groups ("4111 1111 …",
 * "4111-1111-…"). No word boundary is required on purpose: "pan=4111…", "B4111…^" (track 1) and "card4111…"
 * must all be found.
 */
const DIGIT_RUN = /\d(?:[ -]?\d){12,}/g;

/** A PAN is 13 to 19 digits long (ISO/IEC 7812-1). */
const MIN_PAN = 13;
const MAX_PAN = 19;
/** PCI DSS 3.4.1: at most the first six (BIN) and the last four digits may be shown. */
const KEEP_FIRST = 6;
const KEEP_LAST = 4;

/**
 * Masks every card number in `s` to first six and last four (`411111******1111`), keeping separators.
 *
 * A window of the run is a PAN when it has 13–19 digits, does not start with 0 (MII 0 is not assigned to
 * card issuers) and passes the Luhn check, or lies in the UnionPay range (62, 16–19 digits), which is masked
 * without it because some UnionPay cards fail Luhn. Windows may start and end only at group borders, so a
 * Luhn-invalid order number stays readable and "qty 2 4111 1111 1111 1111" still masks the card. Two places
 * allow any start: groups longer than 19 digits (a PAN glued to other fields, e.g. a raw ISO 8583 message)
 * and an ISO 8583 LLVAR field, a two-digit length followed by exactly that many digits ("16" + a PAN).
 */
export function maskPans(s: string): string {
  return s.replace(DIGIT_RUN, maskRun);
}

/** The Luhn (mod 10) check of ISO/IEC 7812-1 over `digits[start, end)`, char codes from a digit string. */
export function isLuhnValid(digits: string, start = 0, end = digits.length): boolean {
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function maskRun(run: string): string {
  // Fast path, by far the most common candidate: one unseparated group.
  if (run.length <= MAX_PAN && !run.includes(" ") && !run.includes("-")) {
    if (isPan(run, 0, run.length)) return maskWindow(run, 0, run.length);
    const ll = llvarStart(run);
    return ll !== undefined && isPan(run, ll, run.length) ? run.slice(0, ll) + maskWindow(run, ll, run.length) : run;
  }

  const digits = run.replace(/[ -]/g, "");
  const n = digits.length;
  // For each digit: where it sits in `run`, and which group (maximal separator-free stretch) it belongs to.
  const position = new Array<number>(n);
  const groupStart = new Array<number>(n);
  const groupEnd = new Array<number>(n);
  for (let i = 0, d = 0, start = 0; i <= run.length; i++) {
    if (i === run.length || run[i] === " " || run[i] === "-") {
      for (let k = start; k < d; k++) {
        groupStart[k] = start;
        groupEnd[k] = d;
      }
      start = d;
    } else {
      position[d++] = i;
    }
  }

  const masked = new Uint8Array(n);
  let any = false;
  const mark = (from: number, to: number) => {
    for (let k = from + KEEP_FIRST; k < to - KEEP_LAST; k++) masked[k] = 1;
    any = true;
  };

  for (let s = 0; s < n; s++) {
    const gs = groupStart[s] ?? 0;
    const ge = groupEnd[s] ?? 0;
    const longGroup = ge - gs > MAX_PAN;
    const llvarValue = s === gs + 2 && llvarStart(digits.slice(gs, ge)) !== undefined;
    if (s !== gs && !longGroup && !llvarValue) continue;
    for (let e = s + MIN_PAN; e <= Math.min(n, s + MAX_PAN); e++) {
      const eg = groupEnd[e - 1] ?? 0;
      const endsAtBorder = e === eg || eg - (groupStart[e - 1] ?? 0) > MAX_PAN;
      if (endsAtBorder && isPan(digits, s, e)) mark(s, e);
    }
  }
  if (!any) return run;

  const out = run.split("");
  for (let k = 0; k < n; k++) if (masked[k]) out[position[k] ?? 0] = "*";
  return out.join("");
}

function isPan(digits: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < MIN_PAN || length > MAX_PAN || digits[start] === "0") return false;
  if (isLuhnValid(digits, start, end)) return true;
  // UnionPay has issued PANs that fail Luhn and PCI DSS protects them all the same, so the 62 range is
  // masked at its card lengths without the check; a 16–19-digit order number starting with 62 is the price.
  return length >= 16 && digits[start] === "6" && digits[start + 1] === "2";
}

/** Where the value starts if `group` reads as an ISO 8583 LLVAR ("LL" then exactly LL digits). */
function llvarStart(group: string): number | undefined {
  const length = group.length - 2;
  if (length < MIN_PAN || length > MAX_PAN) return undefined;
  return Number(group.slice(0, 2)) === length ? 2 : undefined;
}

function maskWindow(digits: string, start: number, end: number): string {
  return (
    digits.slice(start, start + KEEP_FIRST) +
    "*".repeat(end - start - KEEP_FIRST - KEEP_LAST) +
    digits.slice(end - KEEP_LAST, end)
  );
}
