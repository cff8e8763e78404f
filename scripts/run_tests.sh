#!/usr/bin/env bash
# Start PostgreSQL and Elasticsearch, then run the whole suite against them.
# With CI=true a service that cannot start fails the run (services.sh exits
# non-zero, and the suite fails tests whose service is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

service_env="$(bash scripts/services.sh start)"
eval "$service_env"

# The browser tests drive Playwright's synchronous API from the same thread
# as the ORM.
export DJANGO_ALLOW_ASYNC_UNSAFE=true
exec .venv/bin/python -m pytest "$@"
