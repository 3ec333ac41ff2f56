#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the browser tests (tests/Booking.Web.Tests) when either is missing.
# Quiet when they are there; exits non-zero when they cannot be installed, so the browser tests fail rather than skip.
set -uo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need /usr/bin/chromium and /usr/bin/chromedriver (Debian: apt-get install chromium chromium-driver)." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

log=$(mktemp)
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "Installing chromium and chromium-driver failed: the browser tests will fail." >&2
  exit 1
fi

rm -f "$log"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
