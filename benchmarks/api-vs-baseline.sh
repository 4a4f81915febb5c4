#!/usr/bin/env bash
# The JSON API against a canned-bytes endpoint, side by side on this machine (loopback only):
#   - publishes the product and benchmarks/Baricitinib.Baseline (Release), starts both on 127.0.0.1;
#   - captures the product's real answer and has the baseline serve exactly those bytes;
#   - drives both with wrk, interleaved A/B, three rounds, for GET and POST at 16 and 64 connections;
#   - does the same for the product with logging at Fatal (the cost of logging at the shipped level) and with the rate
#     limiter off (its cost on the success path);
#   - GET only: the product's own pipeline with no dose work (benchmarks/Baricitinib.PipelineFloor, canned bytes behind
#     every middleware of the app) against the baseline: the most that any change to the dose's own work could reach;
#   - reads each server's CPU time from /proc around each run and prints it per request beside the rate (steadier
#     than requests/s on this shared machine, where wrk and the servers share the cores);
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
dotnet build benchmarks/Baricitinib.PipelineFloor -c Release -nologo -v quiet

QUERY='indication=rheumatoid-arthritis&ageYears=55&egfr=45'
BODY='{"indication":"rheumatoid-arthritis","ageYears":55,"egfr":45}'
cat > "$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA

declare -A PID_OF # port → server process
trap 'for p in "${PID_OF[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start() { # name port env...
  local name=$1 port=$2 dir="$OUT/$1" dll=Baricitinib.Web.dll; shift 2
  [ "$name" = baseline ] && dll=Baricitinib.Baseline.dll
  [ "$name" = floor ] && dir=benchmarks/Baricitinib.PipelineFloor/bin/Release/net10.0 dll=Baricitinib.PipelineFloor.dll
  (cd "$dir" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" FLOOR_PORT="$port" dotnet "$dll") > "$OUT/$name-$port.log" 2>&1 &
  PID_OF[$port]=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/dose?$QUERY" && return 0; sleep 0.2; done
  echo "$name on $port did not start" >&2; exit 1
}
PRODUCT=(ASPNETCORE_ENVIRONMENT=Production RateLimiting__PermitsPerMinute=1000000)
start app 5501 "${PRODUCT[@]}"
start app 5502 "${PRODUCT[@]}" Serilog__MinimumLevel__Default=Fatal
start app 5503 "${PRODUCT[@]}" RateLimiting__Enabled=false
curl -s "http://127.0.0.1:5501/api/v1/dose?$QUERY" > "$OUT/captured.json"
start baseline 5504 BASELINE_BODY="$PWD/$OUT/captured.json"
start floor 5505 "${PRODUCT[@]}" BASELINE_BODY="$PWD/$OUT/captured.json"
echo "captured answer: $(wc -c < "$OUT/captured.json") bytes"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time of a process, in clock ticks
HZ=$(getconf CLK_TCK)
# Prints "requests/s CPU-µs-per-request" of the server on port $1 for one wrk run.
rps() { # port method connections [path]
  local url="http://127.0.0.1:$1${4:-/api/v1/dose}" script=() before after
  if [ "$2" = GET ]; then [ -z "${4:-}" ] && url="$url?$QUERY"; else script=(--script "$OUT/post.lua"); fi
  before=$(cpu_ticks "${PID_OF[$1]}")
  local out; out=$(wrk --threads 2 --connections "$3" --duration "${RUN}s" "${script[@]}" "$url")
  after=$(cpu_ticks "${PID_OF[$1]}")
  echo "$out" | awk -v ticks=$((after - before)) -v hz="$HZ" '/requests in/ { n = $1 } /Requests\/sec/ { r = $2 } END { printf "%s %.1f\n", r, ticks * 1e6 / hz / n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Warm-up: each server's first seconds under load are its JIT's, not its steady state.
for port in 5501 5502 5503 5504; do rps "$port" GET 16 >/dev/null; rps "$port" POST 64 >/dev/null; done
rps 5505 GET 16 /api/v1/canned >/dev/null

declare -A ratios cpu
for round in 1 2 3; do
  for method in GET POST; do
    for connections in 16 64; do
      pairs=("baseline 5504" "logging-off 5502" "limiter-off 5503")
      [ "$method" = GET ] && pairs+=("floor 5505 /api/v1/canned")
      for pair in "${pairs[@]}"; do
        set -- $pair
        read -r product product_cpu < <(rps 5501 "$method" "$connections")
        read -r other other_cpu < <(rps "$2" "$method" "$connections" ${3:-})
        r=$(ratio "$product" "$other")
        ratios[$1]="${ratios[$1]:-} $r"
        cpu[product]="${cpu[product]:-} $product_cpu"
        cpu[$1]="${cpu[$1]:-} $other_cpu"
        printf 'round %s %-4s %2s connections: product %8s req/s (%5s µs CPU/req), %-11s %8s req/s (%5s µs CPU/req), ratio %s\n' \
          "$round" "$method" "$connections" "$product" "$product_cpu" "$1" "$other" "$other_cpu" "$r"
      done
    done
  done
done
# Floor: the product's pipeline with no dose work, against the baseline, in the rounds above (GET).
floor_ratios=""
for round in 1 2 3; do
  for connections in 16 64; do
    read -r floor _ < <(rps 5505 GET "$connections" /api/v1/canned)
    read -r base _ < <(rps 5504 GET "$connections")
    floor_ratios="$floor_ratios $(ratio "$floor" "$base")"
  done
done
echo "median server CPU per request (µs): product $(echo ${cpu[product]} | median), baseline $(echo ${cpu[baseline]} | median), pipeline floor $(echo ${cpu[floor]} | median), logging off $(echo ${cpu[logging-off]} | median)"
echo "median pipeline-floor/baseline ratio (no dose work at all: the most the API could reach): $(echo $floor_ratios | median)"
echo "median product/pipeline-floor ratio: $(echo ${ratios[floor]} | median)"
echo "median product/logging-off ratio (logging at the shipped level; target >= 0.9): $(echo ${ratios[logging-off]} | median)"
echo "median product/limiter-off ratio (rate limiter on the success path): $(echo ${ratios[limiter-off]} | median)"
echo "median API/baseline ratio (target >= 0.7): $(echo ${ratios[baseline]} | median)"
