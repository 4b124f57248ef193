#!/usr/bin/env bash
# Swapping a 10,000-origin policy under HTTP load: examples/live.rs serves a policy file; wrk
# sends allowed GETs for SECONDS before, during and after a loop that rewrites the file and sends
# SIGHUP every INTERVAL seconds. Every response must be 200 with the allowed origin echoed
# (counted by a wrk script); prints requests/s for each phase and how many policies were swapped.
# The server runs on CPU 0, wrk on CPU 1.
#
#   apt-get install -y wrk
#   bash bench/scripts/live_swap.sh [SECONDS] [INTERVAL]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
interval=${2:-0.1}
work=$(mktemp -d)
cargo build -q --release --example live

# Two policies of 10,000 exact origins that differ in all but the one the load sends.
for variant in a b; do
    python3 - "$variant" >"$work/policy-$variant.toml" <<'PY'
import sys
variant = sys.argv[1]
origins = [f'"https://{variant}{i:05}.example.org"' for i in range(9_999)] + ['"https://a.example.com"']
print("[[allow]]")
print(f"origins = [{', '.join(origins)}]")
print("  [[allow.resource]]")
print('  path = "*"')
print('  methods = ["GET", "POST"]')
PY
done
cp "$work/policy-a.toml" "$work/policy.toml"

cat >"$work/check.lua" <<'LUA'
-- Counts responses that are not 200 with the allowed origin echoed.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) wrong = 0 end
function response(status, headers, body)
  if status ~= 200 or headers["access-control-allow-origin"] ~= "https://a.example.com" then
    wrong = wrong + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("wrong") end
  io.write(string.format("wrong answers: %d; socket errors: %d\n", total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

CORS_POLICY="$work/policy.toml" PORT=3300 taskset -c 0 target/release/examples/live 2>"$work/server.log" &
server=$!
swapper=
cleanup() { kill "$server" ${swapper:+"$swapper"} 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
curl -s -o /dev/null -H 'Origin: https://a.example.com' http://127.0.0.1:3300/

load() {
    taskset -c 1 wrk -t1 -c32 "-d${seconds}s" -s "$work/check.lua" -H 'Origin: https://a.example.com' \
        http://127.0.0.1:3300/ | awk -v phase="$1" '/Requests\/sec/ {rps=$2} /wrong answers/ {wrong=$0} END {print phase ": " rps " requests/s; " wrong}'
}

load before
(
    swaps=0
    while true; do
        swaps=$((swaps + 1))
        if [ $((swaps % 2)) -eq 1 ]; then next=b; else next=a; fi
        cp "$work/policy-$next.toml" "$work/policy.toml.new"
        mv "$work/policy.toml.new" "$work/policy.toml"
        kill -HUP "$server"
        sleep "$interval"
    done
) &
swapper=$!
load during
kill "$swapper"
swapper=
sleep 1
load after
echo "policies swapped during the load: $(grep -c '^reloaded' "$work/server.log"); refused: $(grep -c '^refused' "$work/server.log" || true)"
