#!/usr/bin/env bash
# Installs what the tests need on a fresh machine: Debian's Chromium (Playwright drives it; this
# project never downloads a browser), curl and jq (the recipes in docs/homey-web-api.md run with them)
# and the npm dependencies exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${PLAYWRIGHT_CHROMIUM_PATH-/usr/bin/chromium}"
if [[ -n "$chromium" && ! -x "$chromium" ]]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium (needed by the end-to-end tests)…"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null
  else
    echo "No browser at $chromium and no apt-get: install Chromium, or point PLAYWRIGHT_CHROMIUM_PATH at one." >&2
    exit 1
  fi
fi

missing=()
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's ${missing[*]} (needed by contract/web-api-recipes.test.ts)…"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "No ${missing[*]} and no apt-get: install them (the web API recipes need curl and jq)." >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
