export * from "./generated/client.js";
export {
  ApiError,
  CheckoutKitError,
  ConfigurationError,
  ConnectionError,
  InvalidArgumentError,
  ResponseParseError,
  TimeoutError,
} from "@checkoutkit/runtime";
export type { ApiIssue, BaseClientConfig, CallOptions, PagePromise } from "@checkoutkit/runtime";
