/**
 * What a response code tells the payment flow to do: `approved`; `declined` (final, show the
 * customer); `retry` (a technical failure: the same payment may be tried again, after a reversal
 * if the outcome is unknown); `reversal-reason` (only in our 0400/0420 field 39, saying why we
 * reverse).
 */
export type ResponseOutcome = "approved" | "declined" | "retry" | "reversal-reason";

/** One field 39 value of the Enclave dialect. */
export interface ResponseCodeInfo {
  readonly meaning: string;
  readonly outcome: ResponseOutcome;
}

/**
 * The field 39 values of the Enclave dialect (ISO 8583:1987 Annex A meanings). A response code not
 * listed here is treated as `declined` by the link: unknown never means approved.
 */
export const RESPONSE_CODES = {
  "00": { meaning: "Approved or completed successfully", outcome: "approved" },
  "01": { meaning: "Refer to card issuer", outcome: "declined" },
  "03": { meaning: "Invalid merchant", outcome: "declined" },
  "05": { meaning: "Do not honour", outcome: "declined" },
  "12": { meaning: "Invalid transaction", outcome: "declined" },
  "13": { meaning: "Invalid amount", outcome: "declined" },
  "14": { meaning: "Invalid card number", outcome: "declined" },
  "17": { meaning: "Customer cancellation (our reversal reason: void)", outcome: "reversal-reason" },
  "21": {
    meaning: "No action taken (reversal of a transaction the host never saw: nothing to undo)",
    outcome: "approved",
  },
  "22": {
    meaning: "Suspected malfunction (our reversal reason: we could not complete the sale)",
    outcome: "reversal-reason",
  },
  "25": { meaning: "Unable to locate record on file", outcome: "declined" },
  "30": { meaning: "Format error", outcome: "declined" },
  "41": { meaning: "Lost card, pick up", outcome: "declined" },
  "43": { meaning: "Stolen card, pick up", outcome: "declined" },
  "51": { meaning: "Not sufficient funds", outcome: "declined" },
  "54": { meaning: "Expired card", outcome: "declined" },
  "55": { meaning: "Incorrect PIN", outcome: "declined" },
  "57": { meaning: "Transaction not permitted to cardholder", outcome: "declined" },
  "58": { meaning: "Transaction not permitted to terminal", outcome: "declined" },
  "59": { meaning: "Suspected fraud", outcome: "declined" },
  "61": { meaning: "Exceeds withdrawal amount limit", outcome: "declined" },
  "62": { meaning: "Restricted card", outcome: "declined" },
  "65": { meaning: "Exceeds withdrawal frequency limit", outcome: "declined" },
  "68": { meaning: "Response received too late (our reversal reason: timeout)", outcome: "reversal-reason" },
  "75": { meaning: "Allowable number of PIN tries exceeded", outcome: "declined" },
  "91": { meaning: "Issuer or switch inoperative", outcome: "retry" },
  "94": { meaning: "Duplicate transmission", outcome: "declined" },
  "96": { meaning: "System malfunction", outcome: "retry" },
} as const satisfies Readonly<Record<string, ResponseCodeInfo>>;
