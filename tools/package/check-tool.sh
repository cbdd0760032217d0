#!/usr/bin/env bash
# Packs the library and the `mannrl` .NET tool, installs the tool into a temporary tool path from the packed folder
# and runs `mannrl --version` there; then publishes the CLI as the Dockerfile's build stage does and runs that too.
# Everything is written under one temporary folder, removed at the end. Exit status non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dotnet pack MannRl.slnx -c Release -o "$tmp/packages" --nologo -v:q
ls "$tmp/packages"
test -f "$tmp/packages"/MannRl.Cli.*.nupkg
test -f "$tmp/packages"/MannRl.[0-9]*.nupkg
if ls "$tmp/packages" | grep -q -i bench; then echo "error: the bench project must not pack" >&2; exit 1; fi
dotnet tool install MannRl.Cli --tool-path "$tmp/tools" --add-source "$tmp/packages"
version=$("$tmp/tools/mannrl" --version)
echo "installed tool: mannrl --version -> $version"
[ -n "$version" ]
# The Dockerfile's build and runtime steps, without Docker: publish, then the image's entry point.
dotnet publish src/MannRl.Cli -c Release -o "$tmp/app" --nologo -v:q
"$tmp/app/mannrl" --version
# The image's default command is `mannrl train`: one short epoch of it with the published app, on generated data.
(cd "$tmp" && "$tmp/app/mannrl" train logic_m_best run --epochs 1 --set logic_count=400 --data-dir "$tmp/data" --threads 1 --quiet)
test -s "$tmp/run/metrics.csv"
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  docker build -t mannrl:check . && docker run --rm mannrl:check --version
else
  echo "docker: no daemon here; the Dockerfile's steps were checked without it (publish + run above)"
fi
