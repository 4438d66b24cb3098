/**
 * `pnpm start`: bundles the Worker as a Workers build would and serves it with workerd on 127.0.0.1:8787, its
 * bindings read from this shell's environment (see the README). Stop it with Ctrl-C.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker, startWorkerd } from "@checkoutkit/testing/workerd";

const names = [
  "POLAR_API_URL", "CREEM_API_URL", "POLAR_ACCESS_TOKEN", "CREEM_API_KEY",
  "PAYNOW_WEBHOOK_SECRET", "CREEM_WEBHOOK_SECRET", "FLOWGLAD_WEBHOOK_SECRET", "POLAR_WEBHOOK_SECRET",
  "STRIPE_WEBHOOK_SECRET", "LEMONSQUEEZY_WEBHOOK_SECRET", "SUCCESS_URL",
];
const bindings = Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));

const script = join(mkdtempSync(join(tmpdir(), "hono-workerd-")), "worker.js");
await bundleWorker(fileURLToPath(new URL("./worker.ts", import.meta.url)), script);
const server = await startWorkerd(script, { bindings, port: Number(process.env.PORT ?? 8787), echo: true });
console.log(`serving on ${server.url} (bindings: ${Object.keys(bindings).join(", ") || "none"})`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
