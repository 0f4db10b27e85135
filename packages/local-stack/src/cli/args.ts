import { parseArgs } from "node:util";

export interface CliOptions {
  help: boolean;
  verbose: boolean;
  ephemeral: boolean;
  exitOnCrash: boolean;
}

export class UsageError extends Error {}

export function parseCliArgs(argv: string[]): CliOptions {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        ephemeral: { type: "boolean", default: false },
        "exit-on-crash": { type: "boolean", default: false },
      },
    });
    return {
      help: values.help,
      verbose: values.verbose,
      ephemeral: values.ephemeral,
      exitOnCrash: values["exit-on-crash"],
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export const HELP_TEXT = `Storefront local stack: embedded PostgreSQL, SNS/SQS emulator, SMTP catcher, the four services
and the web app, on one machine, with no Docker.

Usage:
  npm start [-- options]                 build the stack (npm run build:stack), then start it
  node packages/local-stack/dist/cli.js [options]   start an already built stack

Options:
  --ephemeral       throw-away data dir (removed on exit), faster unsafe PostgreSQL; for e2e runs
  --exit-on-crash   if a service or the web app dies after start-up, stop everything and exit 1
                    (default: report it and keep the rest running)
  -v, --verbose     echo every log line of every process (default: warnings and errors only)
  -h, --help        this text
  npm start -- --skip-build   start without running the build first

Ports (127.0.0.1; a port already in use stops start-up and names its variable):
  WEB_PORT=3000  USER_SVC_PORT=4001  PRODUCT_SVC_PORT=4002  ORDER_SVC_PORT=4003  NOTIFY_SVC_PORT=4004
  PG_PORT=5433  AWS_EMULATOR_PORT=4566  SMTP_PORT=1025  MAIL_VIEWER_PORT=1080

Use real infrastructure instead of the embedded one:
  DATABASE_URL_USER, DATABASE_URL_PRODUCT, DATABASE_URL_ORDER, DATABASE_URL_NOTIFY
                    each one set replaces that service's embedded database; all four set: no embedded
                    PostgreSQL at all
  AWS_ENDPOINT_URL  an SNS/SQS endpoint (e.g. LocalStack) instead of the in-process emulator
  SMTP_URL          an SMTP server instead of the built-in catcher (no mail viewer then)

Secrets and accounts (generated on first start and kept in <data dir>/secrets.json unless set):
  INTERNAL_JWT_SECRET, NEXTAUTH_SECRET, ADMIN_PASSWORD;  ADMIN_EMAIL (default admin@storefront.local)
  The admin password is set when the account is created; later changes apply only to a new database.

Other:
  STACK_DATA_DIR    where data lives (default <repo>/.data; PostgreSQL in postgres/, logs in logs/)
  STACK_LOG_DIR     where process logs go (default <data dir>/logs; JSON lines, appended)
  LOG_LEVEL         service log level (default info)
`;
