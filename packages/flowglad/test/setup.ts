export { default } from "@checkoutkit/testing/global-setup";
