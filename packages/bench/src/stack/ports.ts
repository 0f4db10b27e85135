import type { ServiceName } from "@shop/service-kit/auth";

export type PortName = "web" | ServiceName | "postgres" | "emulator" | "smtp" | "mailViewer";
export type PortSet = Record<PortName, number>;

/**
 * Port sets of the stacks these scripts start, away from `npm start` (3000/400x) and the e2e stack
 * (3100/410x), so a benchmark can run beside both. BENCH_PORT_OFFSET shifts a whole set when another
 * run already uses it.
 */
const BENCH: PortSet = {
  web: 3200,
  "user-svc": 4201,
  "product-svc": 4202,
  "order-svc": 4203,
  "notify-svc": 4204,
  postgres: 5633,
  emulator: 4866,
  smtp: 1225,
  mailViewer: 1280,
};

/** The chaos stack's emulator port is the switchable proxy; the emulator itself listens one above. */
const CHAOS: PortSet = {
  web: 3210,
  "user-svc": 4211,
  "product-svc": 4212,
  "order-svc": 4213,
  "notify-svc": 4214,
  postgres: 5643,
  emulator: 4876,
  smtp: 1235,
  mailViewer: 1290,
};

export const benchPorts = () => shifted(BENCH);
export const chaosPorts = () => shifted(CHAOS);

function shifted(ports: PortSet): PortSet {
  const offset = Number(process.env.BENCH_PORT_OFFSET ?? 0);
  if (!Number.isInteger(offset)) throw new Error(`BENCH_PORT_OFFSET must be an integer`);
  return Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + offset])) as PortSet;
}

/** The orchestrator's variable for each port (see `node packages/local-stack/dist/cli.js --help`). */
export const ORCHESTRATOR_PORT_VARS: Record<PortName, string> = {
  web: "WEB_PORT",
  "user-svc": "USER_SVC_PORT",
  "product-svc": "PRODUCT_SVC_PORT",
  "order-svc": "ORDER_SVC_PORT",
  "notify-svc": "NOTIFY_SVC_PORT",
  postgres: "PG_PORT",
  emulator: "AWS_EMULATOR_PORT",
  smtp: "SMTP_PORT",
  mailViewer: "MAIL_VIEWER_PORT",
};
