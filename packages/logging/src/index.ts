export { createLogger, type Logger } from "./create-logger.ts";
export { redactText } from "./redact-text.ts";
export { redactValue } from "./redact-value.ts";
export { REDACTED_KEYS } from "./redacted-keys.ts";
