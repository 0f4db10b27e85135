// Runs `prisma generate` for one service's schema (prisma/<name>/schema.prisma).
// generate never executes Prisma's native schema engine, but the CLI insists on finding one and tries to
// download it, which fails on machines without internet. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file satisfies that check; migrations are applied by @shop/service-kit/migrate instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const name = process.argv[2];
if (!name) {
  console.error("usage: prisma-generate.mjs <service>");
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const schema = resolve(root, "prisma", name, "schema.prisma");
if (!existsSync(schema)) {
  console.error(`no schema at ${schema}`);
  process.exit(2);
}
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
const prismaBin = resolve(root, "node_modules", ".bin", "prisma");
const result = spawnSync(prismaBin, ["generate", "--schema", schema], { stdio: "inherit", env });
process.exit(result.status ?? 1);
