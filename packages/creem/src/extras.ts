// Hand-written additions to @checkoutkit/creem: the generated src/index.ts re-exports everything here.
// Creem signs the query parameters of its success redirect; checking (and, for tests, making) them has no counterpart in the spec.
export { signCreemRedirect, verifyCreemRedirect, type CreemRedirect } from "./redirect.js";
