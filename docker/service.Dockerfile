# syntax=docker/dockerfile:1
# One recipe for the four back-end services; SERVICE picks which (user | product | order | notify).
# The build context is the repository root:
#
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=product --build-arg PORT=4002 \
#     -t storefront/product-svc .
#
# Stages: prune (turbo's slice of the monorepo) → build (full install, prisma generate, esbuild)
#         → deps (production node_modules of this service only) → runtime.
# The install layers depend only on the pruned package.json files and lockfile, so editing source
# reuses them.

# The Node line package.json's engines asks for (26, the Active LTS line; see docs/runtime.md);
# override NODE_IMAGE only with another Node 26.12.1+ image.
ARG NODE_IMAGE=node:26-trixie-slim

FROM ${NODE_IMAGE} AS base
ENV TURBO_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
WORKDIR /repo

# ---- prune ---------------------------------------------------------------------------------------
FROM base AS prune
ARG SERVICE
ARG PORT
COPY . .
# Fail early on a missing/unknown SERVICE or a missing PORT (an empty PORT would make the service
# listen on a random port). turbo runs at the version pinned in the root package.json.
RUN case "${SERVICE}" in user|product|order|notify) ;; \
      *) echo "build arg SERVICE must be one of user|product|order|notify (got '${SERVICE}')" >&2; exit 1 ;; \
    esac \
 && case "${PORT}" in ''|*[!0-9]*) echo "build arg PORT must be a port number (got '${PORT}')" >&2; exit 1 ;; esac \
 && npx --yes "turbo@$(node -p 'require("./package.json").devDependencies.turbo')" \
      prune "@shop/${SERVICE}-svc" --docker --out-dir /out

# ---- build ---------------------------------------------------------------------------------------
FROM base AS build
ARG SERVICE
COPY --from=prune /out/json/ ./
# --ignore-scripts: no install script is needed here. Native code (@node-rs/argon2, esbuild, turbo)
# comes as optional platform packages with prebuilt binaries, and skipping
# @prisma/engines' postinstall avoids downloading engines this project never runs (migrations are
# plain SQL applied by the service itself).
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts
COPY --from=prune /out/full/ ./
# Files outside any workspace that the build reads: the shared tsconfig, the generate/bundle scripts
# and the Prisma schemas (this service's, plus those of services whose router types it imports,
# which turbo generates first; scripts/prisma-generate.mjs points Prisma at a stand-in engine
# binary, so generate needs no download).
COPY tsconfig.base.json ./
COPY scripts/prisma-generate.mjs scripts/build-service.mjs ./scripts/
COPY prisma/ ./prisma/
RUN npx turbo run build --filter="@shop/${SERVICE}-svc" --output-logs=errors-only

# ---- deps: production node_modules for this service only -----------------------------------------
FROM base AS deps
ARG SERVICE
COPY --from=prune /out/json/ ./
COPY docker/prod-manifest.mjs /tmp/prod-manifest.mjs
# The bundle (dist/main.js) inlines the @shop/* workspace code and imports everything else from
# node_modules, so the runtime needs exactly the production dependencies reachable from this service.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    node /tmp/prod-manifest.mjs "@shop/${SERVICE}-svc" \
 && npm install --omit=dev --ignore-scripts

# ---- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG PORT
# HOST=0.0.0.0: services default to 127.0.0.1, unreachable from other containers.
# MIGRATIONS_DIR: set explicitly; the folder also sits where dist/main.js looks by default
# (../../../prisma/<service>/migrations).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=${PORT} \
    MIGRATIONS_DIR=/app/prisma/${SERVICE}/migrations \
    HEALTHCHECK_PATH=/ready
WORKDIR /app
# Files stay owned by root: the process (user `node`) can read but not rewrite its own code.
COPY --from=deps /repo/ ./
COPY --from=build /repo/packages/${SERVICE}-svc/dist/ ./packages/${SERVICE}-svc/dist/
COPY prisma/${SERVICE}/migrations/ ./prisma/${SERVICE}/migrations/
COPY docker/healthcheck.mjs docker/check-bundle.mjs /usr/local/lib/
WORKDIR /app/packages/${SERVICE}-svc
# Fail the build, not the container start, if a package the bundle imports is not resolvable here.
RUN node /usr/local/lib/check-bundle.mjs dist/main.js
USER node
EXPOSE ${PORT}
# /ready checks the database too, so compose's `condition: service_healthy` means "migrated and
# serving". --start-period covers migrations and the first-start seed.
HEALTHCHECK --interval=5s --timeout=4s --start-period=60s --retries=5 \
  CMD ["node", "/usr/local/lib/healthcheck.mjs"]
# The services drain in-flight requests on SIGTERM (exec form: node is PID 1 and gets the signal;
# compose adds an init process for zombie reaping).
CMD ["node", "--enable-source-maps", "dist/main.js"]
