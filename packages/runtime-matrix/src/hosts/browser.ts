// A browser page: the test calls window.runSmoke(cases) through Playwright.
import { kits, packages } from "virtual:provider-packages";
import { runSmoke, type SmokeCase } from "../smoke.js";

(globalThis as { runSmoke?: unknown }).runSmoke = (cases: SmokeCase[]) => runSmoke(cases, packages, kits);
