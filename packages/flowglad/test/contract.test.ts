import { describeContract } from "@checkoutkit/testing";
import { createFlowgladClient } from "../src/index.js";

// Every operation of the Flowglad spec, against its Prism mock: examples, every declared error, bad input, no credentials.
describeContract("flowglad", "flowglad", (options) => createFlowgladClient({ apiKey: "sk_test_contract_key", ...options }));
