export { rejectionOf } from "@checkoutkit/testing";
import { createClient } from "../src/index.js";
import { definition, SECRET } from "./scripted-server.js";

type Method = (...args: unknown[]) => Promise<any> & AsyncIterable<any>;
export interface AcmeClient {
  checkouts: { create: Method; retrieve: Method; list: Method };
  sessions: { list: Method };
  links: { delete: Method };
}

export function acme(baseUrl: string, config: Record<string, unknown> = {}): AcmeClient {
  return createClient(definition, { apiKey: SECRET, storeId: "store_1", baseUrl, ...config }) as unknown as AcmeClient;
}
