#!/usr/bin/env bash
# HTTP load on loopback: the same handler with no CORS, tower-http and corsage, with 3 and
# 10,000 origins. Servers are pinned to CPU 0 and wrk to CPU 1; each round runs every server
# once, in an order rotated from round to round; the result is the median over rounds of each
# server's requests/s divided by the no-CORS server's in the same round.
#
#   apt-get install -y wrk
#   bash bench/scripts/load.sh [ROUNDS] [SECONDS] [RESULTS_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-6}
seconds=${2:-5}
out=${3:-$(mktemp -d)}
mkdir -p "$out"
echo "per-round results in $out/rounds.txt"
cargo build -q --release -p corsage-bench --bin server
variants=("none 3" "tower-http 3" "corsage 3" "tower-http 10000" "corsage 10000" "corsage-outside 10000")
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
for i in "${!variants[@]}"; do
    read -r layer origins <<<"${variants[$i]}"
    taskset -c 0 target/release/server "$layer" "$origins" "127.0.0.1:$((3200 + i))" &
    pids+=($!)
done
sleep 1
for i in "${!variants[@]}"; do
    # Warm-up, and a check that the allowed origin is answered as such.
    curl -s -o /dev/null -D - -H 'Origin: https://a.example.com' "http://127.0.0.1:$((3200 + i))/" |
        grep -qi '^access-control-allow-origin\|^content-length' || { echo "server $i did not answer"; exit 1; }
    taskset -c 1 wrk -t1 -c32 -d2s -H 'Origin: https://a.example.com' "http://127.0.0.1:$((3200 + i))/" >/dev/null
done
for round in $(seq 1 "$rounds"); do
    count=${#variants[@]}
    for step in $(seq 0 $((count - 1))); do
        i=$(((step + round) % count))
        rps=$(taskset -c 1 wrk -t1 -c32 "-d${seconds}s" -H 'Origin: https://a.example.com' \
            "http://127.0.0.1:$((3200 + i))/" | awk '/Requests\/sec/ {print $2}')
        echo "$round ${variants[$i]// /-} $rps" >>"$out/rounds.txt"
    done
done
python3 - "$out/rounds.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
rounds = {}
for round_, variant, rps in rows:
    rounds.setdefault(round_, {})[variant] = float(rps)
variants = ["none-3", "tower-http-3", "corsage-3", "tower-http-10000", "corsage-10000", "corsage-outside-10000"]
print(f"{len(rounds)} rounds; requests/s median (min-max); ratio to no CORS: median of per-round ratios (min-max)")
for variant in variants:
    values = [r[variant] for r in rounds.values()]
    ratios = [r[variant] / r["none-3"] for r in rounds.values()]
    print(f"{variant:22} {statistics.median(values):>10.0f} ({min(values):.0f}-{max(values):.0f})"
          f"   {statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f})")
PY
