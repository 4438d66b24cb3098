import { describe, expect, it } from "vitest";
import { encodeForm, encodeQuery, encodeStyledQuery, type FormEncoding, type ParamStyles } from "../src/index.js";

/** Stripe's encoding of a checkout session create: deepObject properties, scalar array items as `[]`, object items indexed. */
const stripeCreate: FormEncoding = {
  arrays: "brackets",
  properties: { line_items: { style: "deepObject" }, metadata: { style: "deepObject" }, expand: { style: "deepObject" } },
};

describe("encodeForm", () => {
  const cases: [string, Record<string, unknown>, FormEncoding, string][] = [
    [
      "Stripe's documented create: line_items[0][price], metadata[k], expand[]",
      { line_items: [{ price: "price_1", quantity: 2 }], metadata: { order: "42" }, expand: ["line_items"] },
      stripeCreate,
      "line_items[0][price]=price_1&line_items[0][quantity]=2&metadata[order]=42&expand[]=line_items",
    ],
    ["scalars as they are, numbers decimal and booleans as words", { mode: "payment", amount: 1999, rate: 0.5, live: true, test: false }, {}, "mode=payment&amount=1999&rate=0.5&live=true&test=false"],
    ["null as an empty value (Stripe's unset)", { description: null, metadata: { order: null } }, stripeCreate, "description=&metadata[order]="],
    ["undefined left out, at the top and inside", { a: undefined, metadata: { b: undefined, c: "1" } }, stripeCreate, "metadata[c]=1"],
    ["an empty array or object as an empty value", { expand: [], metadata: {} }, stripeCreate, "expand=&metadata="],
    ["unicode, space, & and = percent-encoded in values", { name: "Zoë & co = ☕ cafe" }, {}, "name=Zo%C3%AB%20%26%20co%20%3D%20%E2%98%95%20cafe"],
    ["brackets in keys left as they are, the names inside encoded", { metadata: { "a b&c": "v" } }, stripeCreate, "metadata[a%20b%26c]=v"],
    ["nested objects and arrays in brackets, indices by default", { a: { b: [{ c: "v" }], d: ["x", "y"] } }, { properties: { a: { style: "deepObject" } } }, "a[b][0][c]=v&a[d][0]=x&a[d][1]=y"],
    ["brackets for scalar items, indices still for objects", { a: { b: [{ c: "v" }], d: ["x", "y"] } }, { arrays: "brackets", properties: { a: { style: "deepObject" } } }, "a[b][0][c]=v&a[d][]=x&a[d][]=y"],
    ["a property's own arrays convention over the media type's", { a: ["x"], b: ["y"] }, { arrays: "brackets", properties: { a: { style: "deepObject", arrays: "indices" }, b: { style: "deepObject" } } }, "a[0]=x&b[]=y"],
    ["form style, exploded: an array repeats its key", { tag: ["a", "b"] }, {}, "tag=a&tag=b"],
    ["form style, explode false: an array comma-joined", { tag: ["a", "b c"] }, { properties: { tag: { explode: false } } }, "tag=a,b%20c"],
  ];

  it.each(cases)("%s", (_, body, encoding, bytes) => {
    expect(encodeForm(body, encoding)).toBe(bytes);
  });

  it("writes deepObject over brackets arrays as its default does, which is why the generator leaves such entries out", () => {
    for (const [, body] of cases.filter(([, , encoding]) => encoding.arrays === "brackets")) {
      const deepObject = Object.fromEntries(Object.keys(body).map((name) => [name, { style: "deepObject" as const }]));
      expect(encodeForm(body, { arrays: "brackets" })).toBe(encodeForm(body, { arrays: "brackets", properties: deepObject }));
    }
  });
});

describe("encodeQuery (the default: every parameter in style form, exploded)", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["arrays repeat their key", { status: ["open", "expired"], limit: 10 }, "status=open&status=expired&limit=10"],
    ["an empty array has no item to send", { status: [], limit: 10 }, "limit=10"],
    ["booleans and numbers as String writes them", { live: false, amount: 12.5 }, "live=false&amount=12.5"],
    ["a parameter given as null or undefined is not sent", { a: null, b: undefined, c: "1" }, "c=1"],
    ["values percent-encoded, names too", { "q s": "a&b=c d" }, "q%20s=a%26b%3Dc%20d"],
    ["nothing to send", {}, ""],
  ];

  it.each(cases)("%s", (_, query, bytes) => {
    expect(encodeQuery(query)).toBe(bytes);
  });
});

describe("encodeStyledQuery", () => {
  const cases: [string, Record<string, unknown>, ParamStyles, string][] = [
    [
      "Lemon Squeezy's documented list query: two deepObject parameters",
      { filter: { store_id: 1 }, page: { size: 10 } },
      { filter: { style: "deepObject" }, page: { style: "deepObject" } },
      "filter[store_id]=1&page[size]=10",
    ],
    ["form, explode false: comma-joined", { ids: ["a", "b", "c"] }, { ids: { explode: false } }, "ids=a,b,c"],
    ["spaceDelimited: joined by an encoded space", { ids: ["a", "b"] }, { ids: { style: "spaceDelimited", explode: false } }, "ids=a%20b"],
    ["pipeDelimited: joined by a pipe", { ids: ["a", "b"] }, { ids: { style: "pipeDelimited", explode: false } }, "ids=a|b"],
    ["a delimiter inside a value stays encoded", { ids: ["a,b", "c|d"] }, { ids: { explode: false } }, "ids=a%2Cb,c%7Cd"],
    ["arrays: brackets sends name[]", { expand: ["data.line_items", "customer"] }, { expand: { arrays: "brackets" } }, "expand[]=data.line_items&expand[]=customer"],
    ["deepObject, recursively", { filter: { created: { gte: 1, lt: 2 } } }, { filter: { style: "deepObject" } }, "filter[created][gte]=1&filter[created][lt]=2"],
    [
      "parameters without a style as encodeQuery sends them",
      { status: ["open", "paid"], ids: ["a", "b"], limit: 3 },
      { ids: { explode: false } },
      "status=open&status=paid&ids=a,b&limit=3",
    ],
  ];

  it.each(cases)("%s", (_, query, styles, bytes) => {
    expect(encodeStyledQuery(query, styles)).toBe(bytes);
  });
});
