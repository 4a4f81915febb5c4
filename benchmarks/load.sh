#!/usr/bin/env bash
# A bounded load test of the JSON API on loopback only: starts the app on 127.0.0.1, runs wrk for a fixed time
# with a fixed number of connections, prints latency and throughput, and stops the app. Never aims anywhere else.
#   benchmarks/load.sh [seconds=15] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-15}"
CONNECTIONS="${2:-16}"
PORT=5299
URL="http://127.0.0.1:$PORT/api/v1/dose?indication=rheumatoid-arthritis&ageYears=85&sex=female&weightKg=45&heightCm=150&serumCreatinine=0.9"

command -v wrk >/dev/null || { echo "Installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
dotnet build src/Baricitinib.Web -c Release -nologo -v quiet
# The rate limit is raised for the run: this measures the engine and the server, not the limiter.
ASPNETCORE_ENVIRONMENT=Production RateLimiting__PermitsPerMinute=1000000 Serilog__MinimumLevel__Default=Warning \
  dotnet src/Baricitinib.Web/bin/Release/net10.0/Baricitinib.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot src/Baricitinib.Web &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
wrk --threads 2 --connections "$CONNECTIONS" --duration "${SECONDS_TO_RUN}s" --latency "$URL"
