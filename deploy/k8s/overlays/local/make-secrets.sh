#!/bin/sh
# Creates the Secrets the local overlay reads, with fresh random passwords, in the namespace
# `storefront` of the current kubectl context. Run it once before the first `kubectl apply -k`;
# it never replaces a Secret that exists. The Secrets share INTERNAL_JWT_SECRET and the database
# passwords, so to regenerate, delete them all (and the postgres PersistentVolumeClaim: postgres-init
# is only read when the database volume is empty).
#   sh deploy/k8s/overlays/local/make-secrets.sh
set -eu
ns=storefront
random_hex() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
secret() { # <name> <key=value>...
  name=$1
  shift
  if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists, kept"
    return
  fi
  args=""
  for kv in "$@"; do args="$args --from-literal=$kv"; done
  # shellcheck disable=SC2086 # one --from-literal per word, values are hex or URLs without spaces
  kubectl -n "$ns" create secret generic "$name" $args
}

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"

jwt=$(random_hex)
users=$(random_hex) products=$(random_hex) orders=$(random_hex) notifications=$(random_hex)
admin=$(random_hex)
secret postgres-init POSTGRES_PASSWORD="$(random_hex)" USER_DB_PASSWORD="$users" \
  PRODUCT_DB_PASSWORD="$products" ORDER_DB_PASSWORD="$orders" NOTIFY_DB_PASSWORD="$notifications"
secret user-svc-secrets INTERNAL_JWT_SECRET="$jwt" ADMIN_PASSWORD="$admin" \
  DATABASE_URL="postgres://user_svc:$users@postgres:5432/users"
secret product-svc-secrets INTERNAL_JWT_SECRET="$jwt" \
  DATABASE_URL="postgres://product_svc:$products@postgres:5432/products"
secret order-svc-secrets INTERNAL_JWT_SECRET="$jwt" \
  DATABASE_URL="postgres://order_svc:$orders@postgres:5432/orders"
secret notify-svc-secrets INTERNAL_JWT_SECRET="$jwt" \
  DATABASE_URL="postgres://notify_svc:$notifications@postgres:5432/notifications"
secret web-secrets INTERNAL_JWT_SECRET="$jwt" NEXTAUTH_SECRET="$(random_hex)"
echo "admin login: admin@example.com / $(kubectl -n "$ns" get secret user-svc-secrets -o jsonpath='{.data.ADMIN_PASSWORD}' | base64 -d)"
