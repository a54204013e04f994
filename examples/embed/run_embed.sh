#!/usr/bin/env bash
# Runs examples/embed in a scratch directory and checks what it prints: the references it listed
# and the rendered values.
set -euo pipefail
embed="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$embed" "$dir" > "$dir/out"
expect() {
  grep -qxF -- "$1" "$dir/out" || { echo "missing line: $1"; cat "$dir/out"; exit 1; }
}
expect "$dir/config.yaml:4:20: \${DB_PASSWORD} in service:database"
expect "$dir/config.yaml:5:15: \${REGION} in service:database"
expect 'SERVICES_DATABASE_ENV_DB_PASSWORD="pg-8hX2"'
expect 'SERVICES_DATABASE_ENV_REGION="eu-west-1"'
if grep -q 'pg-8hX2' "$dir/config.secrets.yaml"; then
  echo "the sidecar holds the value in plaintext"
  exit 1
fi
