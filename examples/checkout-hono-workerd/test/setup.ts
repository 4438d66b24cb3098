import { prismGlobalSetup } from "@checkoutkit/testing/global-setup";

// The example has no spec of its own: a mock of every spec, as the facade's tests start.
export default prismGlobalSetup("every");
