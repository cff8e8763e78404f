#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing.
# Playwright's own browser download is not reachable here, so the tests
# drive /usr/bin/chromium.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium manque : installez le paquet Debian « chromium »." >&2
    [ "${CI:-}" = "true" ] && exit 1
    exit 0
fi
echo "Installation de Chromium (paquet Debian)..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq chromium fonts-dejavu-core >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
