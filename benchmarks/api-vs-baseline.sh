#!/usr/bin/env bash
# The JSON API against a canned-bytes endpoint, side by side on this machine (loopback only):
#   - publishes the product and benchmarks/Baricitinib.Baseline (Release), starts both on 127.0.0.1;
#   - captures the product's real answer and has the baseline serve exactly those bytes;
#   - drives both with wrk, interleaved A/B, three rounds, for GET and POST at 16 and 64 connections;
#   - does the same for the product with logging at Fatal (the cost of logging at the shipped level) and with the rate
#     limiter off (its cost on the success path);
#   - prints each ratio (requests/s of the product ÷ requests/s of the other) and, last, the median API/baseline ratio.
#   benchmarks/api-vs-baseline.sh [seconds per run=5]
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${1:-5}"
OUT=artifacts/bench
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v wrk >/dev/null || { . deploy/apt-install.sh; apt_install wrk; }
command -v curl >/dev/null || { . deploy/apt-install.sh; apt_install curl; }

dotnet publish src/Baricitinib.Web -c Release -o "$OUT/app" -nologo -v quiet
dotnet publish benchmarks/Baricitinib.Baseline -c Release -o "$OUT/baseline" -nologo -v quiet

QUERY='indication=rheumatoid-arthritis&ageYears=55&egfr=45'
BODY='{"indication":"rheumatoid-arthritis","ageYears":55,"egfr":45}'
cat > "$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start() { # name port env...
  local name=$1 port=$2 dll=Baricitinib.Web.dll; shift 2
  [ "$name" = baseline ] && dll=Baricitinib.Baseline.dll
  (cd "$OUT/$name" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll") > "$OUT/$name-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/dose?$QUERY" && return 0; sleep 0.2; done
  echo "$name on $port did not start" >&2; exit 1
}
PRODUCT=(ASPNETCORE_ENVIRONMENT=Production RateLimiting__PermitsPerMinute=1000000)
start app 5501 "${PRODUCT[@]}"
start app 5502 "${PRODUCT[@]}" Serilog__MinimumLevel__Default=Fatal
start app 5503 "${PRODUCT[@]}" RateLimiting__Enabled=false
curl -s "http://127.0.0.1:5501/api/v1/dose?$QUERY" > "$OUT/captured.json"
start baseline 5504 BASELINE_BODY="$PWD/$OUT/captured.json"
echo "captured answer: $(wc -c < "$OUT/captured.json") bytes"

rps() { # port method connections
  local url="http://127.0.0.1:$1/api/v1/dose" script=()
  if [ "$2" = GET ]; then url="$url?$QUERY"; else script=(--script "$OUT/post.lua"); fi
  wrk --threads 2 --connections "$3" --duration "${RUN}s" "${script[@]}" "$url" | awk '/Requests\/sec/ {print $2}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A ratios
for round in 1 2 3; do
  for method in GET POST; do
    for connections in 16 64; do
      for pair in "baseline 5504" "logging-off 5502" "limiter-off 5503"; do
        set -- $pair
        product=$(rps 5501 "$method" "$connections"); other=$(rps "$2" "$method" "$connections")
        r=$(ratio "$product" "$other")
        ratios[$1]="${ratios[$1]:-} $r"
        printf 'round %s %-4s %2s connections: product %8s req/s, %-11s %8s req/s, ratio %s\n' "$round" "$method" "$connections" "$product" "$1" "$other" "$r"
      done
    done
  done
done
echo "median product/logging-off ratio (logging at the shipped level; target >= 0.9): $(echo ${ratios[logging-off]} | median)"
echo "median product/limiter-off ratio (rate limiter on the success path): $(echo ${ratios[limiter-off]} | median)"
echo "median API/baseline ratio (target >= 0.7): $(echo ${ratios[baseline]} | median)"
