#!/usr/bin/env bash
# Installs Debian's chromium for the report test (HTML reports opened in a real headless browser); tolerates an
# existing install. Sourced by .ci/run so that the export below reaches the test step.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
export MANNRL_REQUIRE_CHROMIUM=1
