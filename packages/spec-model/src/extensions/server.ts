/** `x-checkoutkit-server` (on each entry of `servers`, required): the environment's name. */
import { pointer, type Node, type SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

export interface ServerModel {
  /** `production`, `test`, `sandbox`: what the factory's `server` option takes. */
  name: string;
  url: string;
  description?: string;
}

export const serverSchema: JsonSchema = {
  description: "an environment name such as production, test or sandbox",
  type: "string",
  pattern: "^[a-z][a-z0-9-]*$",
};

export function readServers(spec: SpecDocument): ServerModel[] {
  const servers = (spec.doc.servers ?? []) as Node[];
  if (!Array.isArray(servers) || !servers.length) spec.fail("/servers", "needs at least one server");
  const out = servers.map((server, index) => ({
    name: checkExtension<string>(spec, pointer(["servers", index, "x-checkoutkit-server"]), serverSchema, true),
    url: typeof server.url === "string" ? server.url : spec.fail(pointer(["servers", index, "url"]), "needs a url"),
    ...(server.description ? { description: server.description as string } : {}),
  }));
  const names = out.map((s) => s.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) spec.fail("/servers", `names the server ${JSON.stringify(twice)} twice`);
  return out;
}
