export { API_KEY_PATTERN, displayPrefix, generateApiKeySecret, hashApiKeySecret } from "./api-key-secret.ts";
export { type ApiKeyPrincipal, authenticateApiKey } from "./authenticate-api-key.ts";
export {
  createCatalogItem,
  getCatalogItems,
  listCatalogItems,
  type NewCatalogItem,
  updateCatalogItem,
} from "./catalog.ts";
export { createApiKey, listApiKeys, revokeApiKey } from "./create-api-key.ts";
export { createMerchant, getMerchant, type NewMerchant } from "./create-merchant.ts";
export { MerchantsError, type MerchantsErrorCode } from "./errors.ts";
export { createLocation, createTerminal, getLocation, getTerminal, listLocations, listTerminals } from "./locations.ts";
export type { ApiKey, CatalogItem, Location, Merchant, Terminal } from "./records.ts";
