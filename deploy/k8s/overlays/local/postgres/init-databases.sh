#!/bin/sh
# Creates one database per service, each owned by its own login role (database-per-service: a
# service can neither read nor write another service's tables). The postgres image runs the files in
# /docker-entrypoint-initdb.d once, on the first start with an empty data volume; to re-run it,
# remove the volume (`docker compose down -v`, or delete the StatefulSet's PersistentVolumeClaim).
#
# One script for both local setups: docker-compose.yml mounts it from here, and the `local` Kustomize
# overlay ships it in a ConfigMap (Kustomize only reads files below the overlay, hence this folder).
# Passwords come from the environment (docker/.env.example; the `postgres-init` Secret in Kubernetes)
# and reach SQL only as psql variables, which psql quotes itself (:'pw' as a literal, :"role" as an
# identifier).
set -e

create_service_database() { # <role> <database> <password>
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
    -v role="$1" -v db="$2" -v pw="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"role";
-- New databases grant CONNECT and TEMP to PUBLIC; keep every other service's role out.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
  echo "init-databases: database $2 owned by role $1"
}

create_service_database user_svc users "${USER_DB_PASSWORD:?USER_DB_PASSWORD is not set}"
create_service_database product_svc products "${PRODUCT_DB_PASSWORD:?PRODUCT_DB_PASSWORD is not set}"
create_service_database order_svc orders "${ORDER_DB_PASSWORD:?ORDER_DB_PASSWORD is not set}"
create_service_database notify_svc notifications "${NOTIFY_DB_PASSWORD:?NOTIFY_DB_PASSWORD is not set}"
