#!/usr/bin/env bash
# Runs wit-parser's tests/ui suite against our CLI through ../shared/tools/witconf.py.
# Needs a bare git clone of bytecodealliance/wasm-tools: WITCONF_MIRROR=/path/to/wasm-tools.git
# Usage: scripts/conformance.sh [ui|diff] [witconf options...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
: "${WITCONF_MIRROR:?set WITCONF_MIRROR to a bare git dir of bytecodealliance/wasm-tools}"
dotnet build "$root/tools/wit-bindgen-cs" -c Release -nologo -v q >/dev/null
export WITCS="dotnet $root/tools/wit-bindgen-cs/bin/Release/net10.0/wit-bindgen-cs.dll"
verb="${1:-ui}"; shift || true
exec python3 "$root/../shared/tools/witconf.py" "$verb" "$@"
