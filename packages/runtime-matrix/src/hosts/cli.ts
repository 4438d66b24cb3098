// Node, Bun and Deno: the cases come as the first argument, the results go to stdout as one JSON line.
import { kits, packages } from "virtual:provider-packages";
import { runSmoke, type SmokeCase } from "../smoke.js";

const host = globalThis as { Deno?: { args: string[] }; process?: { argv: string[] } };
const args = host.Deno?.args ?? host.process!.argv.slice(2);
const cases = JSON.parse(args[0] ?? "[]") as SmokeCase[];
console.log(JSON.stringify(await runSmoke(cases, packages, kits)));
