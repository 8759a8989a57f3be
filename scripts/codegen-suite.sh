#!/usr/bin/env bash
# Issue 8's measuring harness (docs/benchmarks.md, "Generated bindings: codegen suite and output size").
#
#   WIT_BINDGEN_DIR=/path/to/wit-bindgen scripts/codegen-suite.sh [suite] [--filter TEXT] [--tsv FILE] [--keep DIR]
#       every world of every case of wit-bindgen's tests/codegen through
#       `wit-bindgen-cs generate CASE --world W --out DIR --stubs`, then a warnings-as-errors Roslyn compile of
#       the output for net8.0 and net10.0; a row per world, then
#       `codegen: passed X / Y non-async worlds (Z cases)`
#   scripts/codegen-suite.sh size PATH --world W [--world W]...
#       lines of `generate` output outside WitRuntime.cs, and its largest repeated blocks
#
# WIT_BINDGEN_DIR is a checkout of bytecodealliance/wit-bindgen kept outside this repository (only
# tests/codegen is read, at run time; nothing of it is copied here). tests/codegen/wasi-{cli,clocks,filesystem,
# http,io} are git submodules: check them out too (`git submodule update --init tests/codegen`), or those five
# cases are listed as not run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! log="$(dotnet build "$root/scripts/CodegenSuite" -c Release -nologo -v q 2>&1)"; then
  echo "$log" >&2
  exit 1
fi
tool=(dotnet "$root/scripts/CodegenSuite/bin/Release/net10.0/codegen-suite.dll")
case "${1:-suite}" in
  size) shift; exec "${tool[@]}" size "$@" ;;
  suite) [ $# -gt 0 ] && shift ;;
  --*) ;;
  *) echo "usage: WIT_BINDGEN_DIR=... $0 [suite] [--filter TEXT] [--tsv FILE] [--keep DIR]" >&2
     echo "       $0 size PATH --world W [--world W]..." >&2
     exit 2 ;;
esac
: "${WIT_BINDGEN_DIR:?set WIT_BINDGEN_DIR to a checkout of bytecodealliance/wit-bindgen (with its tests/codegen submodules)}"
exec "${tool[@]}" suite "$WIT_BINDGEN_DIR/tests/codegen" "$@"
