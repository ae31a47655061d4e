#!/usr/bin/env bash
# The two ways to run childctl, side by side with kubectl on one sandbox, in one run:
#   the ./childctl wrapper (a JIT build in .build/bin, for trying and development) and
#   the binary `./childctl install` puts on PATH (NativeAOT, for daily use),
# for `list -A` of N clusters (default 5000) and the cold start of `version`.
# Needs hyperfine (apt-get install -y hyperfine) and kubectl.
# Usage: bench/install.sh [clusters] [runs]; results in bench/results/install-*.json and install-summary.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clusters="${1:-5000}"
runs="${2:-10}"
out="$root/bench/results"
mkdir -p "$out"
# shellcheck source=bench/sandbox-lib.sh
. "$root/bench/sandbox-lib.sh"

"$root/childctl" version > /dev/null # builds the wrapper's JIT binaries if needed
"$root/childctl" install --prefix "$work/prefix" --shell none > /dev/null 2>&1
installed="$work/prefix/bin/childctl"
start_sandbox --clusters "$clusters"
summary="$out/install-summary.txt"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $("$installed" list -A -o name | wc -l) clusters" | tee "$summary"

compare() { # label, json name, wrapper command, installed command, kubectl command
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/install-$2.json" \
        -n wrapper "$3" -n installed "$4" -n kubectl "$5" > "$out/install-$2.txt"
    python3 - "$out/install-$2.json" "$1" <<'PY' | tee -a "$summary"
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
k = r["kubectl"]["median"]
cell = lambda n: f"{n} {r[n]['median']*1000:.1f} ms ({r[n]['median']/k:.2f}x kubectl)"
print(f"{sys.argv[2]}: {cell('wrapper')}, {cell('installed')}, kubectl {k*1000:.1f} ms")
PY
}
compare "list -A" list "$root/childctl list -A" "$installed list -A" "kubectl get clusterdeployments -A"
compare "version" version "$root/childctl version --client" "$installed version --client" "kubectl version --client"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"
