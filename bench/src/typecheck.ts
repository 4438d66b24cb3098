/** Type-check cost: `tsc --noEmit` on each one-call program alone, with the settings a strict app would use. */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { benchDir, clientId, clients, programFile } from "./cases.js";
import { timedChildEnv } from "./env.js";
import { interleave, median } from "./stats.js";

export interface TypecheckResult {
  client: string;
  /** Median wall time of the whole tsc process. */
  wallMs: number;
  /** tsc's own "Total time" (parse, bind, check), median. */
  tscMs: number;
  files: number;
  errors: number;
}

const tsc = createRequire(join(benchDir, "package.json")).resolve("typescript/bin/tsc");
/** The process time includes Node's start-up, so the same environment as the cold-import children (see env.ts). */
const env = timedChildEnv();

function runTsc(project: string): { wallMs: number; tscMs: number; files: number; errors: number } {
  const start = process.hrtime.bigint();
  let output: string;
  try {
    output = execFileSync(process.execPath, [tsc, "-p", project, "--extendedDiagnostics", "--pretty", "false"], { encoding: "utf8", env });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? "");
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const read = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output)?.[1]);
  return { wallMs, tscMs: read("Total time") * 1000, files: read("Files"), errors: (output.match(/error TS\d+/g) ?? []).length };
}

export function measureTypecheck(runs: number): TypecheckResult[] {
  const dir = join(benchDir, ".typecheck");
  mkdirSync(dir, { recursive: true });
  try {
    const projects = clients.map((client) => {
      const project = join(dir, `${clientId(client).replace("/", "--")}.json`);
      writeFileSync(
        project,
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            lib: ["ES2022", "DOM"],
            module: "ESNext",
            moduleResolution: "Bundler",
            strict: true,
            skipLibCheck: true,
            noEmit: true,
            types: [],
          },
          files: [programFile(client)],
        }),
      );
      return { client, project };
    });
    const samples = new Map(projects.map(({ client }) => [client, [] as ReturnType<typeof runTsc>[]]));
    for (let run = 0; run < runs; run++) {
      for (const { client, project } of interleave(projects, run)) samples.get(client)!.push(runTsc(project));
    }
    return projects.map(({ client }) => {
      const own = samples.get(client)!;
      return {
        client: clientId(client),
        wallMs: median(own.map((s) => s.wallMs)),
        tscMs: median(own.map((s) => s.tscMs)),
        files: own[0]!.files,
        errors: own[0]!.errors,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
