#!/usr/bin/env bash
# Runs the buf CLI pinned in tools/buf/package.json, installing it from npm on first use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/node_modules/.bin/buf" ]; then
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
fi
exec "$here/node_modules/.bin/buf" "$@"
