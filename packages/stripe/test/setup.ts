// Scaffolded once by scripts/generate.ts for a new provider package; yours to edit, never regenerated.
export { default } from "@checkoutkit/testing/global-setup";
