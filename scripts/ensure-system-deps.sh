#!/usr/bin/env bash
# Installs what the test suite needs beyond Node and npm: Debian's Chromium (browser e2e and the Chromium runtime
# test) and redis-server (the response cache's Redis suite). Does nothing when both are there; needs root + apt.
set -uo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: please install: ${need[*]} (Debian/Ubuntu: apt-get install -y ${need[*]})" >&2
  exit 1
fi
echo "ensure-system-deps: installing ${need[*]}" >&2
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
