import { prismGlobalSetup } from "@checkoutkit/testing/global-setup";

export default prismGlobalSetup("every");
