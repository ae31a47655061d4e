#!/usr/bin/env bash
# Lifecycle benchmark: bulk delete of N clusters (default 1000), childctl (NativeAOT) against kubectl on the same
# sandbox, in one run:
#   1. `childctl delete -n bench -l bench=bulk --yes`         vs `kubectl delete clusterdeployments -n bench -l bench=bulk --wait=false`
#   2. `childctl delete -n bench -l bench=bulk --yes --wait`  vs `kubectl delete clusterdeployments -n bench -l bench=bulk` (waits)
# Before every run (not timed) the N clusters are created again with `kubectl create -f`. The sandbox runs without its
# controller, so nothing holds a finalizer and both tools measure only their own API work: childctl plans (one list),
# stamps provenance and deletes each cluster with uid+resourceVersion preconditions (2 requests per cluster, 32 in
# flight) and appends one history event per cluster; kubectl lists, then deletes one by one (and with --wait, GETs each).
# Needs hyperfine and kubectl. Usage: bench/lifecycle.sh [clusters] [runs]; results in bench/results/lifecycle-*.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clusters="${1:-1000}"
runs="${2:-5}"
out="$root/bench/results"
mkdir -p "$out"
# shellcheck source=bench/sandbox-lib.sh
. "$root/bench/sandbox-lib.sh"
start_sandbox --no-controller
kubectl create namespace bench > /dev/null

python3 - "$clusters" > "$work/clusters.json" <<'PY'
import json, sys
items = [{
    "apiVersion": "k0rdent.mirantis.com/v1beta1", "kind": "ClusterDeployment",
    "metadata": {"name": f"bulk-{i:04d}", "namespace": "bench", "labels": {"bench": "bulk"}},
    "spec": {"template": "aws-standalone-cp-1-0-43", "credential": "aws-cluster-credential",
             "config": {"region": "us-west-2", "controlPlane": {"instanceType": "t3.small"}, "worker": {"instanceType": "t3.small"}}},
} for i in range(int(sys.argv[1]))]
print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
PY
prepare="kubectl create --validate=false -f $work/clusters.json"
check() { # the prepare left exactly N clusters, and the last run left none
    local n; n="$(kubectl get clusterdeployments -n bench -l bench=bulk --no-headers 2>/dev/null | wc -l)"
    [ "$n" = "$1" ] || { echo "expected $1 clusters, found $n" >&2; exit 1; }
}
$prepare > /dev/null; check "$clusters"; "$childctl" delete -n bench -l bench=bulk --yes > /dev/null 2>&1; check 0

compare() { # label, json, childctl command, kubectl command
    hyperfine -N -i --runs "$runs" --prepare "$prepare" --export-json "$out/$2.json" -n childctl "$3" -n kubectl "$4" > "$out/$2.txt"
    check 0
    python3 - "$out/$2.json" "$1" <<'PY' | tee -a "$out/lifecycle-summary.txt"
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
c, k = r["childctl"], r["kubectl"]
print(f"{sys.argv[2]}: childctl {c['median']:.2f} s (mean {c['mean']:.2f} ± {c['stddev']:.2f}, exit codes {sorted(set(c['exit_codes']))}), "
      f"kubectl {k['median']:.2f} s (mean {k['mean']:.2f} ± {k['stddev']:.2f}, exit codes {sorted(set(k['exit_codes']))}), ratio (median) {c['median']/k['median']:.3f}")
PY
}

echo "bulk delete of $clusters clusters, $runs runs each ($(date -u +%Y-%m-%dT%H:%MZ))" | tee "$out/lifecycle-summary.txt"
compare "delete (no wait)" lifecycle-delete \
    "$childctl delete -n bench -l bench=bulk --yes" "kubectl delete clusterdeployments -n bench -l bench=bulk --wait=false"
compare "delete and wait until gone" lifecycle-delete-wait \
    "$childctl delete -n bench -l bench=bulk --yes --wait" "kubectl delete clusterdeployments -n bench -l bench=bulk"
echo "cluster_deleted history events written over all childctl runs: $(cat "$work"/history/*/bench/*.yaml 2>/dev/null | grep -c 'action: cluster_deleted')" | tee -a "$out/lifecycle-summary.txt"
echo "machine: $(nproc) cores, $(uname -r); childctl $(stat -c %s "$childctl" | awk '{printf "%.1f MiB", $1/1048576}') NativeAOT" | tee -a "$out/lifecycle-summary.txt"
