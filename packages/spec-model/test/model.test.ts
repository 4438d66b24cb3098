import { describe, expect, it } from "vitest";
import { createCheckoutOperation, exampleConfig, readModel, type Node } from "../src/index.js";
import { specFixture } from "./fixture.js";

const { source: SOURCE, fixture, refusal } = specFixture("minimal.yaml", "shop");

const create = (doc: Node) => doc.paths["/stores/{storeId}/checkouts"].post as Node;
const list = (doc: Node) => doc.paths["/stores/{storeId}/checkouts"].get as Node;
const CREATE = "/paths/~1stores~1{storeId}~1checkouts/post";
const LIST = "/paths/~1stores~1{storeId}~1checkouts/get";

describe("readModel on a valid spec", () => {
  const model = readModel(fixture());

  it("reads the client, servers and credential", () => {
    expect(model.client).toMatchObject({ provider: "shop", package: "@checkoutkit/shop", factory: "createShopClient", baseName: "Shop" });
    expect(model.client.bind).toEqual([{ option: "storeId", path: "storeId", required: true, description: "", example: "st_1" }]);
    expect(model.servers.map((s) => s.name)).toEqual(["production", "sandbox"]);
    expect(model.credential).toEqual({ scheme: "Key", option: "apiKey", header: "x-shop-key", prefix: "", env: "SHOP_API_KEY", description: "" });
  });

  it("reads each operation: name, payload, path parameters less bound ones, examples and statuses", () => {
    const byName = Object.fromEntries(model.operations.map((o) => [o.name, o]));
    expect(Object.keys(byName)).toEqual(["checkouts.list", "checkouts.create", "checkouts.retrieve"]);
    expect(byName["checkouts.create"]).toMatchObject({
      httpMethod: "POST",
      payload: "body",
      payloadOptional: false,
      mediaType: "application/json",
      requestExample: { product: "prod_1" },
      pathParams: [],
      success: { status: 201, json: true, example: { id: "co_1", url: "https://pay.shop.test/co_1" } },
      errors: [{ status: 422, json: true, example: { code: "invalid", message: "The body is invalid." } }],
    });
    expect(byName["checkouts.list"]).toMatchObject({ payload: "query", queryExample: { page: 1 }, paginate: { items: "items", page: "page", lastPage: "pagination.max_page" } });
    expect(byName["checkouts.retrieve"]).toMatchObject({ payload: "none", pathParams: ["id"], pathExample: { id: "co_1" } });
  });

  it("finds the create-checkout operation and a config to call it with", () => {
    expect(createCheckoutOperation(model).name).toBe("checkouts.create");
    expect(exampleConfig(model, "http://127.0.0.1:4010", "fake")).toEqual({ apiKey: "fake", storeId: "st_1", baseUrl: "http://127.0.0.1:4010" });
  });
});

describe("readModel refuses, naming the file, the JSON pointer and what was expected", () => {
  const cases: [string, (doc: Node) => void, string][] = [
    ["a spec without x-checkoutkit-client", (doc) => delete doc["x-checkoutkit-client"], "#/x-checkoutkit-client: is required (an object with provider, package and factory (and optionally bind))"],
    ["a factory not named create<Name>Client", (doc) => (doc["x-checkoutkit-client"].factory = "shopClient"), '#/x-checkoutkit-client/factory: must be a name like create<Name>Client (matching ^create[A-Z]\\w*Client$)'],
    ["a key outside the vocabulary", (doc) => (doc["x-checkoutkit-errors"].codes = ["code"]), '#/x-checkoutkit-errors: has "codes", which is not part of the vocabulary'],
    ["an errors rule without message", (doc) => delete doc["x-checkoutkit-errors"].message, '#/x-checkoutkit-errors: needs "message"'],
    ["a bind entry with both path and header", (doc) => (doc["x-checkoutkit-client"].bind[0].header = "x-store"), "#/x-checkoutkit-client/bind/0: needs exactly one of path"],
    ["a bind entry for a path parameter no operation has", (doc) => (doc["x-checkoutkit-client"].bind[0].path = "shopId"), "#/x-checkoutkit-client/bind/0/path: no operation's path has {shopId}"],
    ["a server without x-checkoutkit-server", (doc) => delete doc.servers[1]["x-checkoutkit-server"], "#/servers/1/x-checkoutkit-server: is required"],
    ["a spec without servers", (doc) => delete doc.servers, "#/servers: needs at least one server"],
    ["an operation without x-checkoutkit-method", (doc) => delete create(doc)["x-checkoutkit-method"], `#${CREATE}/x-checkoutkit-method: is required (group.method, e.g. checkouts.create)`],
    ["a method that is not group.method", (doc) => (create(doc)["x-checkoutkit-method"] = "createCheckout"), `#${CREATE}/x-checkoutkit-method: must be group.method, e.g. checkouts.create`],
    ["two operations with one method name", (doc) => (list(doc)["x-checkoutkit-method"] = "checkouts.create"), `#${CREATE}/x-checkoutkit-method: checkouts.create is already the method of GET /stores/{storeId}/checkouts`],
    ["an operation without operationId", (doc) => delete create(doc).operationId, `#${CREATE}: needs an operationId`],
    ["an operation without a 2xx response", (doc) => delete create(doc).responses["201"], `#${CREATE}/responses: has no 2xx response`],
    ["an HTTP method the client cannot call", (doc) => (doc.paths["/stores/{storeId}/checkouts"].head = create(doc)), "#/paths/~1stores~1{storeId}~1checkouts/head: the client has no HEAD method"],
    [
      "a request body in multipart/form-data only",
      (doc) => {
        const body = create(doc).requestBody.content;
        body["multipart/form-data"] = body["application/json"];
        delete body["application/json"];
      },
      `#${CREATE}/requestBody/content: lists multipart/form-data, for which the runtime has no encoder (it sends application/json, application/<x>+json or application/x-www-form-urlencoded)`,
    ],
    [
      "a request body in text/plain only",
      (doc) => (create(doc).requestBody.content = { "text/plain": { schema: { type: "string" }, example: "hi" } }),
      `#${CREATE}/requestBody/content: lists text/plain, for which the runtime has no encoder`,
    ],
    ["an operation without a request example", (doc) => delete create(doc).requestBody.content["application/json"].example, `#${CREATE}/requestBody/content/application~1json: needs a request example`],
    ["a path parameter without an example", (doc) => delete doc.paths["/stores/{storeId}/checkouts/{id}"].parameters[1].example, "#/paths/~1stores~1{storeId}~1checkouts~1{id}/get: path parameter id needs a parameter with an example"],
    ["a pagination rule whose path is not in the response schema", (doc) => (list(doc)["x-checkoutkit-paginate"].lastPage = "pagination.last_page"), `#${LIST}/x-checkoutkit-paginate/lastPage: names "pagination.last_page", which is not a property of the response schema`],
    ["a pagination rule whose items are not an array", (doc) => (list(doc)["x-checkoutkit-paginate"].items = "pagination"), `#${LIST}/x-checkoutkit-paginate/items: names "pagination", which is "object" in the response schema, not array`],
    ["a pagination rule with a dotted items path", (doc) => (list(doc)["x-checkoutkit-paginate"].items = "page.items"), `#${LIST}/x-checkoutkit-paginate/items: must be a top-level property name`],
    ["a pagination rule mixing pages and cursors", (doc) => (list(doc)["x-checkoutkit-paginate"].cursor = "cursor"), `#${LIST}/x-checkoutkit-paginate: has "cursor", which is not part of the vocabulary`],
    ["a page parameter the operation does not declare", (doc) => (list(doc)["x-checkoutkit-paginate"].page = "p"), `#${LIST}/x-checkoutkit-paginate/page: names the query parameter "p", which the operation does not declare`],
    ["operations on two security schemes", (doc) => { doc.components.securitySchemes.Other = { type: "http", scheme: "bearer" }; list(doc).security = [{ Other: [] }]; }, "#/paths: every operation must use the same security scheme (found Other, Key)"],
    ["an undefined security scheme", (doc) => (doc.security = [{ Token: [] }]), `#${LIST}/security: security scheme Token is not defined`],
    ["a scheme without x-checkoutkit-credential", (doc) => delete doc.components.securitySchemes.Key["x-checkoutkit-credential"], "#/components/securitySchemes/Key/x-checkoutkit-credential: is required"],
    ["a credential scheme the client cannot send", (doc) => Object.assign(doc.components.securitySchemes.Key, { in: "query" }), "#/components/securitySchemes/Key: must be an apiKey header"],
    ["webhooks without x-checkoutkit-webhooks", (doc) => (doc.webhooks = { paid: { post: { requestBody: { content: {} } } } }), "#/webhooks: needs x-checkoutkit-webhooks at the root"],
    [
      "a signature digest encoding the runtime does not know",
      (doc) => {
        doc.webhooks = { paid: { post: { requestBody: { content: {} } } } };
        doc["x-checkoutkit-webhooks"] = { event: "ShopEvent", signature: { header: "shop-signature", syntax: "list", signed: "{body}", encoding: "base32", key: "utf8" } };
      },
      '#/x-checkoutkit-webhooks/signature/encoding: must be one of "hex", "base64"',
    ],
  ];

  it.each(cases)("%s", (_, mutate, message) => {
    const error = refusal(mutate);
    expect(error.message.startsWith(`${SOURCE}#/`)).toBe(true);
    expect(error.source).toBe(SOURCE);
    expect(error.message).toContain(`${SOURCE}${message}`);
  });

  it("accepts a pagination path reached through allOf and $ref, and refuses it once the $ref target loses it", () => {
    expect(() => readModel(fixture())).not.toThrow();
    const error = refusal((doc) => delete doc.components.schemas.Paginated.properties.pagination);
    expect(error.pointer).toBe(`${LIST}/x-checkoutkit-paginate/lastPage`);
  });
});
