import type { PaymentStatus } from "./records.ts";

/** Everything that can happen to a payment. */
export const PAYMENT_EVENTS = [
  "confirm",
  "authorize_for_capture",
  "authorize_and_capture",
  "decline",
  "reverse",
  "capture",
  "cancel",
] as const;
/** An event of the payment state machine. */
export type PaymentEvent = (typeof PAYMENT_EVENTS)[number];

/**
 * The payment state machine of DESIGN §6, as data. A decline or a reversal returns the payment
 * to `requires_payment_method` so the cashier can try another card; `succeeded` and `canceled`
 * are final (refunds are their own objects).
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, Partial<Record<PaymentEvent, PaymentStatus>>>> = {
  requires_payment_method: { confirm: "processing", cancel: "canceled" },
  processing: {
    authorize_for_capture: "requires_capture",
    authorize_and_capture: "succeeded",
    decline: "requires_payment_method",
    reverse: "requires_payment_method",
  },
  requires_capture: { capture: "succeeded", cancel: "canceled" },
  succeeded: {},
  canceled: {},
};

/** The state after `event`, or undefined when the event is not allowed in `status`. */
export function nextPaymentStatus(status: PaymentStatus, event: PaymentEvent): PaymentStatus | undefined {
  return PAYMENT_TRANSITIONS[status][event];
}
