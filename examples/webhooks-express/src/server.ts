// `pnpm start`: the app on PORT (default 3000), secrets from the environment.
import { createApp, memoryStore } from "./app.js";

const env = (name: string) => process.env[name] ?? (console.error(`set ${name}`), process.exit(1));
const app = createApp(
  { paynow: env("PAYNOW_WEBHOOK_SECRET"), creem: env("CREEM_WEBHOOK_SECRET"), flowglad: env("FLOWGLAD_WEBHOOK_SECRET"), polar: env("POLAR_WEBHOOK_SECRET"), stripe: env("STRIPE_WEBHOOK_SECRET"), lemonsqueezy: env("LEMONSQUEEZY_WEBHOOK_SECRET") },
  memoryStore(),
);
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`listening on http://localhost:${port}/webhooks/{paynow,creem,flowglad,polar,stripe,lemonsqueezy}`));
