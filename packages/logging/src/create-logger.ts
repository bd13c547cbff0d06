import pino from "pino";
import { redactText } from "./redact-text.ts";
import { redactValue } from "./redact-value.ts";

/** The logger handed around the app: a pino logger whose every record passes the redaction below. */
export type Logger = pino.Logger;

/**
 * Creates the application's structured logger: pino JSON lines, ISO-8601 `time`, `level` as its label.
 *
 * Nothing reaches the destination unredacted, through two layers:
 * 1. structure — the merged object (`formatters.log`), child bindings (`formatters.bindings`) and errors
 *    (the `err` serializer) go through `redactValue`: secret property names anywhere, card numbers and API
 *    secrets in every string, error message and stack;
 * 2. text — the final JSON line goes through `redactText` (`hooks.streamWrite`), which catches what never
 *    was a property: `msg` (also from `%s` interpolation and `logger.error(err)`), a `msgPrefix`, or values a
 *    child's own serializers produced. Lines with nothing to mask pass untouched.
 *
 * Cost, for a hot path: with nothing to redact, layer 1 allocates nothing (copy-on-write) and layer 2 is one
 * regular-expression test over the line; together about pino's own per-line cost again (~2 µs measured for
 * a typical record), paid so that a field added by any future caller cannot leak.
 */
export function createLogger(opts: {
  level: string;
  name?: string;
  destination?: pino.DestinationStream | NodeJS.WritableStream;
}): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level,
    ...(opts.name === undefined ? {} : { name: opts.name }),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => redactValue(bindings) as pino.Bindings,
      log: (object) => redactValue(object) as Record<string, unknown>,
    },
    // Replaces pino's own err serializer: redactValue serialises errors the same way, then masks them.
    serializers: { err: redactValue },
    hooks: { streamWrite: redactLine },
  };
  return opts.destination === undefined ? pino(options) : pino(options, opts.destination as pino.DestinationStream);
}

/**
 * The last line of defence on the serialised record. Masking inside JSON strings keeps the line valid JSON;
 * if a mask landed on a bare JSON value (a number, or a non-string under a credential name) the line is
 * re-parsed and redacted structurally instead, so the output is always both masked and parseable.
 */
function redactLine(line: string): string {
  const masked = redactText(line);
  if (masked === line) return line;
  try {
    JSON.parse(masked);
    return masked;
  } catch {
    try {
      return `${JSON.stringify(redactValue(JSON.parse(line)))}\n`;
    } catch {
      // Not JSON at all (cannot happen with pino's serialiser): masked text beats leaking the original.
      return masked;
    }
  }
}
