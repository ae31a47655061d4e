#!/usr/bin/env bash
# History benchmarks (docs/performance.md, "## History"):
#   1. append latency p50/p90/p99 including the fsync (one writer, one event per append, on disk)
#   2. `childctl history NAME` wall time, whole NativeAOT process, with 1,000,000 events over 10,000 clusters
#   3. whole-history timeline scan throughput (every file read and parsed)
# Needs: hyperfine (apt-get install -y hyperfine) and artifacts/aot/childctl
#   (dotnet publish src/Childctl.Cli -c Release -r linux-x64 -o artifacts/aot, ~5 min on 2 cores).
# Usage: bench/history.sh [work-dir]   (default /tmp/childctl-bench; needs ~0.5 GB)
# CHILDCTL_BASELINE=/path/to/another/childctl adds that binary (e.g. main's) to the history and version runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/childctl-bench}"
aot="$root/artifacts/aot/childctl"
[ -x "$aot" ] || { echo "error: $aot missing: dotnet publish src/Childctl.Cli -c Release -r linux-x64 -o artifacts/aot" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "error: hyperfine missing: apt-get install -y hyperfine" >&2; exit 1; }

dotnet build "$root/bench/Childctl.Bench" -c Release -nologo -v q >/dev/null
bench="dotnet $root/bench/Childctl.Bench/bin/Release/net10.0/Childctl.Bench.dll"

mkdir -p "$work"
if [ ! -d "$work/history/k0rdent-bench" ]; then
    $bench generate "$work/history" 10000 100
fi
cat > "$work/kubeconfig" <<'KUBECONFIG'
apiVersion: v1
kind: Config
current-context: bench
contexts:
- name: bench
  context: {cluster: k0rdent-bench, user: admin, namespace: team-2}
clusters:
- name: k0rdent-bench
  cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
users:
- name: admin
  user: {token: not-used}
KUBECONFIG

echo "== append latency (incl. fsync)"
rm -rf "$work/latency"
$bench latency "$work/latency" 2000
rm -rf "$work/latency"

echo "== childctl history NAME (1,000,000 events, 10,000 clusters), NativeAOT, whole process"
baseline=()
if [ -n "${CHILDCTL_BASELINE:-}" ]; then
    baseline=(-n "baseline history cluster-04242" "$CHILDCTL_BASELINE history cluster-04242" -n "baseline version" "$CHILDCTL_BASELINE version --client")
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
KUBECONFIG="$work/kubeconfig" CHILDCTL_HISTORY_DIR="$work/history" \
    hyperfine -N --warmup 10 --runs 200 --export-json "$work/history-name.json" \
    -n "history cluster-04242" "$aot history cluster-04242" -n "version --client" "$aot version --client" "${baseline[@]}" > /dev/null
python3 - "$work/history-name.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"]); n = len(t)
    print(f'{r["command"]}: median {t[n//2]*1e3:.1f} ms, p90 {t[int(n*.9)]*1e3:.1f} ms, min {t[0]*1e3:.1f} ms, max {t[-1]*1e3:.1f} ms')
PY
KUBECONFIG="$work/kubeconfig" CHILDCTL_HISTORY_DIR="$work/history" /usr/bin/time -f "history NAME peak RSS: %M KiB" "$aot" history cluster-04242 > /dev/null
echo "binary: $(stat -c %s "$aot" | awk '{printf "%.1f MiB", $1/1048576}'); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== timeline scan (every file)"
$bench scan "$work/history"

echo "== in-process (BenchmarkDotNet, short job; it must run from its project folder)"
(cd "$root/bench/Childctl.Bench" && $bench bdn --filter '*StoreBenchmarks*' --job short | sed -n '/^| Method/,/^$/p')
