#!/usr/bin/env bash
# Live-view benchmarks, childctl (NativeAOT) against kubectl on the same sandbox, in one run:
#   1. `list -A` of N clusters (default 5000)    vs `kubectl get clusterdeployments -A`
#   2. `status NAME` over HTTPS                  vs `kubectl get clusterdeployment NAME`
#      (and `status` with CHILDCTL_SYSTEM_CA=1, i.e. without skipping the OS CA bundle)
#   3. cold start of `version`                   vs `kubectl version --client`
# plus peak RSS of each (GNU time -v). Needs hyperfine (apt-get install -y hyperfine) and kubectl.
# Usage: bench/live-view.sh [clusters] [runs]; results go to bench/results/ (JSON per comparison + summary.txt).
# CHILDCTL_BASELINE=/path/to/another/childctl adds that binary (e.g. main's) to every comparison, in the same runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clusters="${1:-5000}"
runs="${2:-10}"
out="$root/bench/results"
mkdir -p "$out"
baseline="${CHILDCTL_BASELINE:-}"
# shellcheck source=bench/sandbox-lib.sh
. "$root/bench/sandbox-lib.sh"
start_sandbox --clusters "$clusters"

count="$("$childctl" list -A -o name | wc -l)"
name_ns="$(kubectl get clusterdeployments -A --no-headers 2>/dev/null | awk 'NR == 1 {print $2" "$1}')"
name="${name_ns% *}"; ns="${name_ns#* }"
echo "sandbox ready: $count clusters; status target $ns/$name" | tee "$out/summary.txt"

compare() { # label, json, childctl command, kubectl command[, baseline command]
    local extra=()
    if [ -n "${5:-}" ]; then extra=(-n baseline "$5"); fi
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/$2.json" -n childctl "$3" -n kubectl "$4" "${extra[@]}" > "$out/$2.txt"
    python3 - "$out/$2.json" "$1" <<'PY' | tee -a "$out/summary.txt"
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
c, k = r["childctl"], r["kubectl"]
ms = lambda x: f"{x['median']*1000:.1f} ms (range {x['min']*1000:.1f}-{x['max']*1000:.1f}, user+sys {(x['user']+x['system'])*1000:.1f})"
line = f"{sys.argv[2]}: childctl {ms(c)}, kubectl {ms(k)}, ratio of medians {c['median']/k['median']:.2f}"
if "baseline" in r:
    line += f"; baseline {ms(r['baseline'])}"
print(line)
PY
}
peak() { # label, command...
    local label="$1"; shift
    /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt"
    echo "$label peak RSS: $(awk -F': ' '/Maximum resident set size/ {printf "%.1f MiB", $2/1024}' "$work/time.txt")" | tee -a "$out/summary.txt"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
compare "list -A ($count clusters)" list "$childctl list -A" "kubectl get clusterdeployments -A" "${baseline:+$baseline list -A}"
peak "childctl list -A" "$childctl" list -A
peak "kubectl get clusterdeployments -A" kubectl get clusterdeployments -A
if [ -n "$baseline" ]; then peak "baseline list -A" "$baseline" list -A; fi
compare "status $name (HTTPS)" status "$childctl status $name -n $ns" "kubectl get clusterdeployment $name -n $ns" \
    "${baseline:+$baseline status $name -n $ns}"
CHILDCTL_SYSTEM_CA=1 compare "status $name with the OS CA bundle loaded (CHILDCTL_SYSTEM_CA=1)" status-system-ca \
    "$childctl status $name -n $ns" "kubectl get clusterdeployment $name -n $ns"
peak "childctl status" "$childctl" status "$name" -n "$ns"
peak "kubectl get clusterdeployment" kubectl get clusterdeployment "$name" -n "$ns"
if [ -n "$baseline" ]; then peak "baseline status" "$baseline" status "$name" -n "$ns"; fi
compare "version (cold start)" version "$childctl version --client" "kubectl version --client" "${baseline:+$baseline version --client}"
peak "childctl version --client" "$childctl" version --client
size() { stat -c %s "$1" | awk '{printf "%.1f MiB", $1/1048576}'; }
echo "binary: $(size "$childctl")${baseline:+ (baseline $(size "$baseline"))}; machine: $(nproc) cores, $(uname -r)" | tee -a "$out/summary.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
