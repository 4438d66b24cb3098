import { describeContract } from "@checkoutkit/testing";
import { createPolarClient } from "../src/index.js";

// Every operation of the Polar spec, against its Prism mock: examples, every declared error, bad input, no credentials.
describeContract("polar", "polar", (options) => createPolarClient({ accessToken: "polar_oat_contract_token", ...options }));
