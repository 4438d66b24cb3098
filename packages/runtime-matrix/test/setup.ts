import { prismGlobalSetup } from "@checkoutkit/testing/global-setup";

// Unlike the provider packages, the matrix needs a mock of every spec.
export default prismGlobalSetup("every");
