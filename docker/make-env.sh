#!/bin/sh
# Writes .env (repository root) from docker/.env.example, filling every empty required value with a
# fresh random hex string, and prints the seeded admin and Grafana credentials. Never overwrites an existing .env.
#   sh docker/make-env.sh
set -eu
cd "$(dirname "$0")/.."
if [ -e .env ]; then
  echo ".env already exists; edit it or remove it first" >&2
  exit 1
fi
random_hex() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
umask 077
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    [A-Z]*=) printf '%s%s\n' "$line" "$(random_hex)" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < docker/.env.example > .env
echo "wrote .env with random secrets"
grep -E '^(ADMIN_EMAIL|ADMIN_PASSWORD|GRAFANA_ADMIN_PASSWORD)=' .env | sed 's/^/  /'
