import { describe, expect, it } from "vitest";
import { readModel, type Node } from "../src/index.js";
import { specFixture } from "./fixture.js";

const { source: SOURCE, fixture, refusal } = specFixture("forms.yaml", "till");

const create = (doc: Node) => doc.paths["/v1/sessions"].post as Node;
const form = (doc: Node) => create(doc).requestBody.content["application/x-www-form-urlencoded"] as Node;
const list = (doc: Node) => doc.paths["/v1/sessions"].get as Node;
const CREATE = "/paths/~1v1~1sessions/post";
const FORM = `${CREATE}/requestBody/content/application~1x-www-form-urlencoded`;
const LIST = "/paths/~1v1~1sessions/get";
const PAGES = "/paths/~1v1~1pages/get";

describe("the encoding vocabulary", () => {
  const model = readModel(fixture());
  const byName = Object.fromEntries(model.operations.map((o) => [o.name, o]));

  it("picks the form media type over one it cannot encode, and reads its encoding map with the arrays default", () => {
    expect(byName["sessions.create"]).toMatchObject({
      mediaType: "application/x-www-form-urlencoded",
      successMediaType: "application/json",
      formEncoding: {
        arrays: "brackets",
        properties: {
          line_items: { style: "deepObject", explode: true, arrays: "indices" },
          metadata: { style: "deepObject", explode: true, arrays: "brackets" },
          expand: { style: "deepObject", explode: true, arrays: "brackets" },
        },
      },
    });
  });

  it("prefers application/json, then an application/<x>+json, then a form", () => {
    const pick = (content: Node) => readModel(fixture((doc) => (create(doc).requestBody.content = content))).operations.find((o) => o.name === "sessions.create")!.mediaType;
    const media = { schema: { type: "object" }, example: {} };
    expect(pick({ "application/x-www-form-urlencoded": media, "application/vnd.api+json": media })).toBe("application/vnd.api+json");
    expect(pick({ "application/x-www-form-urlencoded": media, "application/vnd.api+json": media, "application/json": media })).toBe("application/json");
  });

  it("reads a +json success media type as JSON, and every query parameter's style", () => {
    expect(byName["sessions.list"]).toMatchObject({
      successMediaType: "application/vnd.till+json",
      success: { json: true, mediaType: "application/vnd.till+json" },
      queryStyles: {
        starting_after: { style: "form", explode: true },
        status: { style: "form", explode: false },
        expand: { style: "form", explode: true, arrays: "brackets" },
        filter: { style: "deepObject", explode: true },
      },
      paginate: { items: "data", cursor: "starting_after", itemCursor: "id", hasMore: "has_more" },
    });
    expect(byName["pages.list"]!.paginate).toEqual({ items: "data", page: "page.number", lastPage: "meta.last_page" });
  });

  it("reads a shared parameter's style where its $ref leads, in components/parameters", () => {
    const shared = readModel(
      fixture((doc) => {
        const params = list(doc).parameters as Node[];
        const index = params.findIndex((p) => p.name === "expand");
        doc.components.parameters = { expand: params[index] };
        params[index] = { $ref: "#/components/parameters/expand" };
      }),
    );
    expect(shared.operations.find((o) => o.name === "sessions.list")!.queryStyles.expand).toEqual({ style: "form", explode: true, arrays: "brackets" });
  });

  it("reads the idempotency rule and a binding into a deepObject query parameter", () => {
    expect(model.idempotency).toEqual({ header: "Idempotency-Key", methods: ["POST"] });
    expect(model.client.bind).toEqual([{ option: "storeId", query: "filter.store_id", required: false, description: "", example: "7" }]);
  });
});

describe("the encoding vocabulary refuses, naming the file and the JSON pointer", () => {
  const cases: [string, (doc: Node) => void, string][] = [
    [
      "a body with only multipart/form-data",
      (doc) => (create(doc).requestBody.content = { "multipart/form-data": form(doc) }),
      `#${CREATE}/requestBody/content: lists multipart/form-data, for which the runtime has no encoder`,
    ],
    ["an encoding entry with a contentType", (doc) => (form(doc).encoding.metadata.contentType = "application/json"), `#${FORM}/encoding/metadata/contentType: contentType is not supported`],
    ["an encoding entry with headers", (doc) => (form(doc).encoding.metadata.headers = {}), `#${FORM}/encoding/metadata/headers: headers is not supported`],
    ["an encoding entry with allowReserved", (doc) => (form(doc).encoding.metadata.allowReserved = true), `#${FORM}/encoding/metadata/allowReserved: allowReserved is not supported`],
    ["an encoding style a form cannot use", (doc) => (form(doc).encoding.metadata.style = "pipeDelimited"), `#${FORM}/encoding/metadata/style: pipeDelimited is not supported in a form body`],
    ["a deepObject encoding without explode", (doc) => (form(doc).encoding.metadata.explode = false), `#${FORM}/encoding/metadata/explode: deepObject is defined with explode: true only`],
    ["an encoding entry for a property the body lacks", (doc) => (form(doc).encoding.colour = { style: "form" }), `#${FORM}/encoding/colour: names "colour", which is not a property of the body schema`],
    [
      "an object property of a form body left in style form",
      (doc) => delete form(doc).encoding.metadata,
      `#${FORM}/encoding/metadata: is missing or not deepObject, but metadata is an object: style form would spread its properties`,
    ],
    [
      "an object query parameter in style form",
      (doc) => delete list(doc).parameters[4].style,
      `#${LIST}/parameters/4/style: filter is an object: style form would spread its properties (k1=v1&k2=v2); declare style: deepObject`,
    ],
    ["an unknown arrays convention", (doc) => (form(doc)["x-checkoutkit-arrays"] = "commas"), `#${FORM}/x-checkoutkit-arrays: must be one of "indices", "brackets"`],
    [
      "an encoding map on a JSON body",
      (doc) => (create(doc).requestBody.content = { "application/json": { ...form(doc) } }),
      `#${CREATE}/requestBody/content/application~1json/encoding: applies to form bodies only`,
    ],
    ["a query style the encoder does not know", (doc) => (list(doc).parameters[1].style = "matrix"), `#${LIST}/parameters/1/style: matrix is not supported for a query parameter`],
    ["an exploded pipeDelimited parameter", (doc) => Object.assign(list(doc).parameters[2], { style: "pipeDelimited", explode: true }), `#${LIST}/parameters/2/explode: pipeDelimited is supported with explode: false only`],
    ["a query parameter with allowReserved", (doc) => (list(doc).parameters[0].allowReserved = true), `#${LIST}/parameters/0/allowReserved: is not supported`],
    ["brackets on a comma-joined array", (doc) => (list(doc).parameters[2]["x-checkoutkit-arrays"] = "brackets"), `#${LIST}/parameters/2/x-checkoutkit-arrays: applies to exploded parameters only`],
    ["an item cursor that names a missing query parameter", (doc) => (list(doc)["x-checkoutkit-paginate"].cursor = "after"), `#${LIST}/x-checkoutkit-paginate/cursor: names the query parameter "after", which the operation does not declare`],
    [
      "an item cursor the items do not have",
      (doc) => (list(doc)["x-checkoutkit-paginate"].itemCursor = "uuid"),
      `#${LIST}/x-checkoutkit-paginate/itemCursor: names "uuid", which is not a property of the schema of the data items`,
    ],
    [
      "an item cursor on items that are not an array",
      (doc) => (doc.components.schemas.SessionList.properties.data = { type: "object", properties: { id: { type: "string" } } }),
      `#${LIST}/x-checkoutkit-paginate/items: names "data", which is "object" in the response schema, not array`,
    ],
    [
      "an item cursor on an items property with no item schema",
      (doc) => (doc.components.schemas.SessionList.properties.data = {}),
      `#${LIST}/x-checkoutkit-paginate/items: names "data", which is not an array with an items schema`,
    ],
    ["a has-more flag the response lacks", (doc) => (list(doc)["x-checkoutkit-paginate"].hasMore = "more"), `#${LIST}/x-checkoutkit-paginate/hasMore: names "more", which is not a property of the response schema`],
    [
      "a dotted page into a parameter that is not a deepObject",
      (doc) => (doc.paths["/v1/pages"].get.parameters[0] = { name: "page", in: "query", schema: { type: "integer" } }),
      `#${PAGES}/x-checkoutkit-paginate/page: is a dotted path into "page", which is not a deepObject query parameter`,
    ],
    [
      "a dotted page the parameter's schema lacks",
      (doc) => (doc.paths["/v1/pages"].get["x-checkoutkit-paginate"].page = "page.index"),
      `#${PAGES}/x-checkoutkit-paginate/page: names "index", which is not a property of the page parameter's schema`,
    ],
    ["a binding to an undeclared query parameter", (doc) => (doc["x-checkoutkit-client"].bind[0].query = "store"), `#/x-checkoutkit-client/bind/0/query: no operation declares the query parameter "store"`],
    [
      "a binding with both a header and a query parameter",
      (doc) => (doc["x-checkoutkit-client"].bind[0].header = "x-store"),
      "#/x-checkoutkit-client/bind/0: needs exactly one of path (a path parameter it fills), header (a header it sends) or query",
    ],
    ["a query binding with a default", (doc) => (doc["x-checkoutkit-client"].bind[0].default = "1"), "#/x-checkoutkit-client/bind/0/default: a query binding has no default"],
    ["an idempotency rule for GET", (doc) => (doc["x-checkoutkit-idempotency"].methods = ["GET"]), '#/x-checkoutkit-idempotency/methods/0: must be one of "POST", "PUT", "PATCH", "DELETE"'],
    ["an idempotency rule without a header", (doc) => delete doc["x-checkoutkit-idempotency"].header, '#/x-checkoutkit-idempotency: needs "header"'],
  ];

  it.each(cases)("%s", (_, mutate, message) => {
    const error = refusal(mutate);
    expect(error.source).toBe(SOURCE);
    expect(error.message).toContain(`${SOURCE}${message}`);
  });
});
