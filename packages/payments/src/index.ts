export { closeBatch, getBatch, listBatches, openBatchId } from "./batches.ts";
export { createTestProcessor } from "./create-test-processor.ts";
export { PaymentsError, type PaymentsErrorCode } from "./errors.ts";
export {
  addOrderPayment,
  addOrderRefund,
  cancelOrder,
  getOrder,
  insertOrder,
  listOrders,
  type NewOrder,
  reservedOrderAmount,
} from "./orders.ts";
export { nextPaymentStatus, PAYMENT_EVENTS, PAYMENT_TRANSITIONS, type PaymentEvent } from "./payment-state-machine.ts";
export {
  getPayment,
  insertPayment,
  listPayments,
  listStuckPayments,
  type NewPayment,
  type PaymentPatch,
  transitionPayment,
} from "./payments-store.ts";
export type {
  AuthorizationRequest,
  AuthorizationResult,
  CardPresentInput,
  Processor,
  ProcessorOutcome,
} from "./processor.ts";
export {
  type Batch,
  type BatchCurrencyTotals,
  type CardDetails,
  type Order,
  type OrderLine,
  PAYMENT_STATUSES,
  type Payment,
  type PaymentError,
  type PaymentStatus,
  type Refund,
} from "./records.ts";
export { getRefund, insertRefund, listRefunds, reserveRefund } from "./refunds.ts";
export { DECLINE_REASONS, MAGIC_AMOUNTS, TEST_CARDS, type TestCardName, testCard } from "./test-cards.ts";
