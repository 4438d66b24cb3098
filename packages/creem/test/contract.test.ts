import { describeContract } from "@checkoutkit/testing";
import { createCreemClient } from "../src/index.js";

// Every operation of the Creem spec, against its Prism mock: examples, every declared error, bad input, no credentials.
describeContract("creem", "creem", (options) => createCreemClient({ apiKey: "creem_test_contract_key", ...options }));
