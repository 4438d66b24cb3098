/** Bundle size: each one-call program bundled for the browser with esbuild (minified ESM), then gzipped. */
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { clientId, clients, programFile } from "./cases.js";

export interface BundleResult {
  client: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Set when the program cannot be bundled for the browser and was bundled for Node instead. */
  note?: string;
}

export interface BundleReport {
  results: BundleResult[];
  failed: { client: string; reason: string }[];
}

async function bundle(entry: string, platform: "browser" | "node"): Promise<Uint8Array> {
  const output = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    write: false,
    logLevel: "silent",
  });
  return output.outputFiles[0]!.contents;
}

function firstError(error: unknown): string {
  const errors = (error as { errors?: { text: string }[] }).errors;
  return errors?.[0]?.text ?? (error instanceof Error ? error.message : String(error));
}

export async function measureBundles(): Promise<BundleReport> {
  const results: BundleResult[] = [];
  const failed: BundleReport["failed"] = [];
  for (const client of clients) {
    const entry = programFile(client);
    let code: Uint8Array;
    let note: string | undefined;
    try {
      code = await bundle(entry, "browser");
    } catch (browserError) {
      try {
        code = await bundle(entry, "node");
        note = `not bundlable for the browser (${firstError(browserError)}); bundled for Node`;
      } catch (error) {
        failed.push({ client: clientId(client), reason: firstError(error) });
        continue;
      }
    }
    results.push({ client: clientId(client), minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, note });
  }
  return { results, failed };
}
