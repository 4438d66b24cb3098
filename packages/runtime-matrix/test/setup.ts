import { listSpecs } from "@checkoutkit/testing";
import { provideMocks } from "@checkoutkit/testing/global-setup";
import type { TestProject } from "vitest/node";

/** Unlike the provider packages, the matrix needs a mock of every spec. */
export default (project: TestProject) => provideMocks(project, listSpecs());
