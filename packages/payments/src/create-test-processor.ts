import { randomBytes, randomInt } from "node:crypto";
import type { AuthorizationResult, Processor, ProcessorOutcome } from "./processor.ts";
import type { CardDetails } from "./records.ts";
import { DECLINE_REASONS, type DeclineResponseCode, MAGIC_AMOUNTS, testCard } from "./test-cards.ts";

/**
 * The test-mode processor: approves or declines by test card and magic amount, in process, with
 * no network. It is stateless, so authorizations survive a server restart: follow-ups are
 * accepted for any reference it issued, and the server's own ledger enforces the amounts.
 */
export function createTestProcessor(options: { latencyMs?: number } = {}): Processor {
  const latency = options.latencyMs ?? 0;
  const reference = () => `tp_${randomBytes(8).toString("hex")}`;

  const followUp = (ref: string): ProcessorOutcome =>
    /^tp_[0-9a-f]{16}$/.test(ref)
      ? { status: "ok", processorReference: ref }
      : { status: "failed", code: "unknown_authorization", message: "No such authorization." };

  const decline = (code: DeclineResponseCode, card?: CardDetails): AuthorizationResult => ({
    status: "declined",
    declineCode: DECLINE_REASONS[code].decline_code,
    message: DECLINE_REASONS[code].message,
    ...(card ? { card } : {}),
  });

  return {
    name: "test",
    async authorize(request) {
      // Simulated network and issuer time: lets tests interrupt a request mid-authorization.
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const known = testCard(request.card.test_card);
      if (!known) return decline("12");
      const now = new Date();
      const card: CardDetails = {
        brand: known.brand,
        last4: known.last4,
        exp_month: 12,
        exp_year: now.getUTCFullYear() + 3,
        funding: known.funding,
        entry_mode: request.card.entry_mode,
      };
      if ("decline" in known) return decline(known.decline, card);
      const magic = MAGIC_AMOUNTS[request.amount];
      if (magic === "issuer_unavailable") {
        return { status: "unknown", message: "The issuer did not answer; the authorization was reversed. Try again." };
      }
      if (magic && magic !== "partial") return decline(magic, card);
      const amountAuthorized = magic === "partial" ? Math.floor(request.amount / 2) : request.amount;
      const ref = reference();
      return {
        status: "approved",
        amountAuthorized,
        processorReference: ref,
        authorizationCode: String(randomInt(100000, 1000000)),
        card,
      };
    },
    async capture(request) {
      return followUp(request.processorReference);
    },
    async void(request) {
      return followUp(request.processorReference);
    },
    async refund(request) {
      const outcome = followUp(request.processorReference);
      return outcome.status === "ok" ? { status: "ok", processorReference: reference() } : outcome;
    },
    async reverse() {
      return { status: "ok", processorReference: reference() };
    },
  };
}
