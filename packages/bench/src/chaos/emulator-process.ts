// The chaos stack's SNS/SQS emulator, in a process of its own (npm start runs it inside the
// orchestrator). Its state lives in memory, so it keeps running through the outage: the outage is the
// switchable proxy in front of it refusing connections.
import { startMessagingEmulator } from "@shop/local-stack/messaging";
import { announce } from "../stack/child-server.ts";

const emulator = await startMessagingEmulator({ port: Number(process.env.PORT ?? 0) });
announce(emulator.port);
process.on("SIGTERM", () => {
  void emulator.stop().finally(() => process.exit(0));
});
