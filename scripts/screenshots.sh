#!/usr/bin/env bash
# Refreshes docs/screenshots/: the browser tests' pictures of the main screens at desktop (1280 px) and phone (360 px)
# width, on the local host's demo data (tests/Booking.Web.Tests/ScreenshotTests.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-chromium.sh
BOOKING_SCREENSHOTS_DIR="$(pwd)/docs/screenshots" \
  dotnet test tests/Booking.Web.Tests --filter "FullyQualifiedName~ScreenshotTests" --verbosity quiet
ls docs/screenshots
