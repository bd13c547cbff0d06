import type { CardDetails } from "./records.ts";

/**
 * What the terminal sends for a card-present payment. In test mode a named test card stands in
 * for the card; the encrypted reader payload (DUKPT) of the card-data issue plugs in here as a
 * second variant. A clear PAN is never accepted by the API.
 */
export type CardPresentInput = {
  type: "test_card";
  test_card: string;
  entry_mode: CardDetails["entry_mode"];
};

/** An authorization request to the processor (acquirer link, or the test processor). */
export interface AuthorizationRequest {
  paymentId: string;
  merchantId: string;
  terminalId: string;
  livemode: boolean;
  amount: number;
  currency: string;
  capture: boolean;
  card: CardPresentInput;
}

/** The outcome of an authorization: a value, never an exception, for declines. */
export type AuthorizationResult =
  | {
      status: "approved";
      amountAuthorized: number;
      processorReference: string;
      authorizationCode: string;
      card: CardDetails;
    }
  | { status: "declined"; declineCode: string; message: string; card?: CardDetails }
  /** No answer from the acquirer: the processor has already reversed whatever may have been authorized. */
  | { status: "unknown"; message: string };

/** A follow-up on an authorization (capture, void, refund). */
export type ProcessorOutcome =
  | { status: "ok"; processorReference: string }
  | { status: "failed"; code: string; message: string };

/**
 * The seam between payments and whoever approves cards. The test processor implements it now;
 * the ISO 8583 acquirer link implements it for production.
 */
export interface Processor {
  readonly name: string;
  authorize(request: AuthorizationRequest): Promise<AuthorizationResult>;
  capture(request: {
    paymentId: string;
    processorReference: string;
    amount: number;
    currency: string;
  }): Promise<ProcessorOutcome>;
  void(request: {
    paymentId: string;
    processorReference: string;
    amount: number;
    currency: string;
  }): Promise<ProcessorOutcome>;
  refund(request: {
    paymentId: string;
    refundId: string;
    processorReference: string;
    amount: number;
    currency: string;
  }): Promise<ProcessorOutcome>;
  /** Reverses an authorization whose outcome is unknown (timeout, crash); idempotent per payment. */
  reverse(request: { paymentId: string; amount: number; currency: string }): Promise<ProcessorOutcome>;
}
