#!/usr/bin/env bash
# Run every benchmark on the local PostgreSQL and Elasticsearch; each prints
# JSON lines. The search benchmark's own options (--documents, --rounds,
# --fallback-rounds, --fallback-timeout, each followed by a value) go to it
# alone, --discussion-requests N goes to the discussion benchmark as its
# --requests N, every other argument to the page benchmark. Without
# Elasticsearch (services.sh then exports no ELASTICSEARCH_URL) the search
# benchmark says so on stderr, and fails only when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

service_env="$(bash scripts/services.sh start)"
eval "$service_env"

page_args=()
discussion_args=()
search_args=()
while (($# > 0)); do
    case $1 in
    --documents | --rounds | --fallback-rounds | --fallback-timeout)
        (($# >= 2)) || {
            echo "run_bench.sh: $1 needs a value" >&2
            exit 2
        }
        search_args+=("$1" "$2")
        shift 2
        ;;
    --documents=* | --rounds=* | --fallback-rounds=* | --fallback-timeout=*)
        search_args+=("$1")
        shift
        ;;
    --discussion-requests)
        (($# >= 2)) || {
            echo "run_bench.sh: $1 needs a value" >&2
            exit 2
        }
        discussion_args+=(--requests "$2")
        shift 2
        ;;
    --discussion-requests=*)
        discussion_args+=("--requests=${1#*=}")
        shift
        ;;
    *)
        page_args+=("$1")
        shift
        ;;
    esac
done

.venv/bin/python bench/pages.py ${page_args[@]+"${page_args[@]}"}
.venv/bin/python bench/discussions.py ${discussion_args[@]+"${discussion_args[@]}"}
.venv/bin/python bench/api.py
.venv/bin/python bench/search.py ${search_args[@]+"${search_args[@]}"}
