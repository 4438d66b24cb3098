/**
 * The request encoders: query strings and `application/x-www-form-urlencoded` bodies, one function per idea,
 * shared by the generated methods and the `raw` client. Generated definitions import only what their spec needs
 * (`encodeForm` for a form body, `encodeStyledQuery` when a query parameter's style is not the default), so a
 * JSON-only client bundles `encodeQuery` alone.
 *
 * Value rules: `null` goes out as `key=` (empty: "unset" to APIs that take forms), `undefined` is left out, an
 * empty array or object in brackets is `key=` (an exploded form array has no item to send), booleans are
 * `true`/`false`, numbers are decimal. Brackets in keys are left
 * unescaped; every name and value is otherwise percent-encoded (`encodeURIComponent`). In a query string a
 * top-level `null` is left out like `undefined`: a parameter that is not given.
 */

/** How arrays go out inside brackets: `a[0]=v` (`indices`, the default) or, for scalar items, `a[]=v` (`brackets`). */
export type ArrayStyle = "indices" | "brackets";

/** One query parameter's or form property's OpenAPI serialization (absent fields: `form`, exploded, indices). */
export interface ParamStyle {
  style?: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  explode?: boolean;
  arrays?: ArrayStyle;
}

/** The styles of the parameters (or form properties) that have one, by name. */
export type ParamStyles = Readonly<Record<string, ParamStyle>>;

/** A form body's encoding: the arrays default and each top-level property's style (the OpenAPI `encoding` map). */
export interface FormEncoding {
  arrays?: ArrayStyle;
  properties?: ParamStyles;
}

export type BodyEncoder = (body: Record<string, unknown>, encoding?: FormEncoding) => string;
export type QueryEncoder = (query: Record<string, unknown>, styles?: ParamStyles) => string;

/** A value percent-encoded: `null` as empty, booleans and numbers as `String` writes them. */
const encodeValue = (value: unknown) => encodeURIComponent((value ?? "") as string);

/** Style `form`, exploded: `k=v`, an array repeating its key (`k=a&k=b`; nothing for an empty one). `key` is encoded. */
function formPairs(out: string[], key: string, value: unknown): void {
  for (const item of [value].flat()) out.push(`${key}=${encodeValue(item)}`);
}

/**
 * Appends the `key=value` pairs of `value` under `key` (already encoded) to `out`: a scalar as it is, an object or
 * array recursively in brackets (`a[b][0][c]=v`, or `a[]=v` for scalar items with `arrays: "brackets"`), an empty
 * one as `key=`; `undefined` adds nothing.
 */
export function bracketPairs(out: string[], key: string, value: unknown, arrays?: ArrayStyle): void {
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (!entries.length) out.push(`${key}=`);
    for (const [name, item] of entries) {
      const scalarItem = Array.isArray(value) && !(item && typeof item === "object");
      bracketPairs(out, `${key}[${arrays === "brackets" && scalarItem ? "" : encodeURIComponent(name)}]`, item, arrays);
    }
  } else if (value !== undefined) out.push(`${key}=${encodeValue(value)}`);
}

/**
 * One parameter or property with its style: `deepObject` (and any object, and arrays with `arrays: "brackets"`)
 * in brackets, a delimited array for `explode: false`, else `form`, exploded.
 */
function styledPairs(out: string[], name: string, value: unknown, { style, explode = true, arrays }: ParamStyle): void {
  const key = encodeURIComponent(name);
  const array = Array.isArray(value);
  if (style === "deepObject" || (array ? arrays === "brackets" : value !== null && typeof value === "object")) bracketPairs(out, key, value, arrays);
  else if (array && !explode) out.push(`${key}=${value.map(encodeValue).join(style === "spaceDelimited" ? "%20" : style === "pipeDelimited" ? "|" : ",")}`);
  else formPairs(out, key, value);
}

/**
 * The default query string (without `?`): every parameter in style `form`, exploded: `k=v`, arrays repeating
 * their key. A generated client whose spec has other styles (`deepObject` among them) uses `encodeStyledQuery`.
 */
export function encodeQuery(query: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [name, value] of Object.entries(query)) if (value != null) formPairs(out, encodeURIComponent(name), value);
  return out.join("&");
}

/**
 * A query string (without `?`) honouring each parameter's `style` and `explode` from `styles`: `form` (exploded:
 * repeated, else comma-joined), `spaceDelimited` and `pipeDelimited` (joined), `deepObject` (`name[k]=v`,
 * recursively), and `arrays: "brackets"` (`name[]=v`). Parameters without a style go out as `encodeQuery` sends them.
 */
export function encodeStyledQuery(query: Record<string, unknown>, styles: ParamStyles = {}): string {
  const out: string[] = [];
  for (const [name, value] of Object.entries(query)) if (value != null) styledPairs(out, name, value, styles[name] ?? {});
  return out.join("&");
}

/**
 * An `application/x-www-form-urlencoded` body, each top-level property encoded as `encoding.properties` says
 * (default: style `form`, exploded, with `encoding.arrays` for arrays inside brackets).
 */
export function encodeForm(body: Record<string, unknown>, encoding: FormEncoding = {}): string {
  const out: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value !== undefined) styledPairs(out, name, value, { arrays: encoding.arrays, ...encoding.properties?.[name] });
  }
  return out.join("&");
}
