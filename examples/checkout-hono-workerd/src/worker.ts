/** The Worker: the app over one store, kept for the isolate's life (a real Worker keeps it in D1, KV or a Durable Object). */
import { createApp, memoryStore } from "./app.js";

export default createApp(memoryStore());
