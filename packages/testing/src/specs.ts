// The spec list lives in @checkoutkit/spec-model; re-exported for the tests that import it from here.
export { listSpecs, repoRoot, type ListedSpec } from "@checkoutkit/spec-model";
