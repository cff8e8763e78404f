#!/usr/bin/env bash
# Run every benchmark on the local PostgreSQL; each prints JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."

service_env="$(bash scripts/services.sh start postgres)"
eval "$service_env"

for benchmark in bench/pages.py; do
    .venv/bin/python "$benchmark" "$@"
done
