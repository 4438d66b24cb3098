// workerd: a module worker that runs the cases POSTed to it and answers with the results.
import { kits, packages } from "virtual:provider-packages";
import { runSmoke, type SmokeCase } from "../smoke.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const cases = (await request.json()) as SmokeCase[];
    return Response.json(await runSmoke(cases, packages, kits));
  },
};
