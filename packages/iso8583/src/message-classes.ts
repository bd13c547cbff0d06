/**
 * MTI position 2, the message class (ISO 8583:1987). Constants instead of an enum: the values are
 * the digits exactly as they appear in the MTI.
 */
export const MESSAGE_CLASS = {
  authorization: "1",
  financial: "2",
  fileAction: "3",
  reversal: "4",
  reconciliation: "5",
  administrative: "6",
  feeCollection: "7",
  networkManagement: "8",
} as const;

/** MTI position 3, the message function. */
export const MESSAGE_FUNCTION = {
  request: "0",
  requestResponse: "1",
  advice: "2",
  adviceResponse: "3",
  notification: "4",
} as const;

/** MTI position 4, the transaction originator; the odd values mark a repeat. */
export const MESSAGE_ORIGIN = {
  acquirer: "0",
  acquirerRepeat: "1",
  issuer: "2",
  issuerRepeat: "3",
  other: "4",
  otherRepeat: "5",
} as const;

/** The MTIs of the Enclave dialect (see `ENCLAVE_DIALECT` and docs/iso8583.md). */
export const MTI = {
  authorizationRequest: "0100",
  authorizationResponse: "0110",
  financialRequest: "0200",
  financialResponse: "0210",
  financialAdvice: "0220",
  financialAdviceRepeat: "0221",
  financialAdviceResponse: "0230",
  reversalRequest: "0400",
  reversalRequestRepeat: "0401",
  reversalResponse: "0410",
  reversalAdvice: "0420",
  reversalAdviceRepeat: "0421",
  reversalAdviceResponse: "0430",
  reconciliationRequest: "0500",
  reconciliationResponse: "0510",
  networkManagementRequest: "0800",
  networkManagementResponse: "0810",
} as const;

/** Field 70 values we use in 0800/0810. */
export const NETWORK_MANAGEMENT_CODE = {
  signOn: "001",
  signOff: "002",
  echoTest: "301",
} as const;
