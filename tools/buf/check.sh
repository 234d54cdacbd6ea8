#!/usr/bin/env bash
# buf lint, then buf breaking against the baseline (docs/api.md): the newest tag named release-N,
# or, before the first release, where this branch left main. Prints one line per check and exits
# non-zero when either fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
buf=tools/buf/buf.sh

baseline() {
  local tag
  tag=$(git tag --list 'release-*' --sort=-v:refname | head -1)
  if [ -n "$tag" ]; then
    echo "$tag"
    return
  fi
  for main in origin/main main; do
    if git rev-parse --verify --quiet "$main^{commit}" >/dev/null; then
      git merge-base HEAD "$main"
      return
    fi
  done
  echo HEAD
}

failed=0
if bash "$buf" lint; then
  echo "buf lint: passed"
else
  echo "buf lint: failed"
  failed=1
fi

ref=$(baseline)
against=$(mktemp -d)
trap 'rm -rf "$against"' EXIT
git archive "$ref" protos | tar -x -C "$against"
# The baseline's protos as a plain directory: its files are named from the module root, as ours are.
if bash "$buf" breaking --against "$against/protos"; then
  echo "buf breaking against $ref: passed"
else
  echo "buf breaking against $ref: failed"
  failed=1
fi
exit "$failed"
