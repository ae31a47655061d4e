#!/usr/bin/env bash
# Team history benchmarks, childctl (NativeAOT) against kubectl on the same sandbox, in one run:
#   1. `history NAME` of a cluster with N team events (default 10000), read through the team store over HTTPS,
#      vs `kubectl get configmaps -n childctl-history -l <the same selector>` (table, and -o json)
#   2. the mirror's cost: `note NAME` with team history on vs CHILDCTL_TEAM_HISTORY=off (what it sent before),
#      under 50 ms of injected API latency, so each round trip is visible
# Needs hyperfine, kubectl, curl and python3. Usage: bench/team-history.sh [events] [runs]; results in bench/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-10000}"
runs="${2:-20}"
out="$root/bench/results"
mkdir -p "$out"
# shellcheck source=bench/sandbox-lib.sh
. "$root/bench/sandbox-lib.sh"
start_sandbox --no-controller

"$childctl" history enable-team > /dev/null 2>&1
mc="$(kubectl config view -o jsonpath='{.contexts[0].context.cluster}')"

# N events of one cluster in a local file, pushed once: the team store then holds them in its chunks.
seed="$work/seed"
mkdir -p "$seed/$mc/kcm-system"
python3 - "$seed/$mc/kcm-system/bench-team.yaml" "$events" "$mc" <<'PY'
import sys, datetime
path, n, mc = sys.argv[1], int(sys.argv[2]), sys.argv[3]
alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
t0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
with open(path, "w") as f:
    f.write("cluster_name: bench-team\nnamespace: kcm-system\nevents:\n")
    for i in range(n):
        ts = t0 + datetime.timedelta(seconds=37 * i)
        ident = "01BENCH" + "".join(alphabet[(i >> (5 * k)) & 31] for k in range(19))
        f.write(f'  - timestamp: "{ts.strftime("%Y-%m-%dT%H:%M:%S.000Z")}"\n    id: {ident}\n    action: note_added\n'
                f'    user: op{i % 16}\n    uid: 6a1f0c2e-0000-4000-8000-000000000001\n'
                f'    management_cluster: {{name: {mc}, server: "https://127.0.0.1"}}\n    operation: {ident}\n'
                f'    command: "childctl note bench-team \'note number {i}\'"\n    message: "note number {i} of the benchmark"\n    source: childctl\n')
PY
CHILDCTL_HISTORY_DIR="$seed" "$childctl" history push --all
selector="childctl.dev/history=series,childctl.dev/cluster-namespace=kcm-system,childctl.dev/cluster-name=bench-team"
chunks="$(kubectl get configmaps -n childctl-history -l "$selector" --no-headers | wc -l)"
"$childctl" history push > /dev/null   # the reader's own (empty) history folder learns that team history is on
echo "team store: $events events of kcm-system/bench-team in $chunks ConfigMaps" | tee "$out/team-summary.txt"

hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/team-history.json" \
    -n childctl "$childctl history bench-team" \
    -n kubectl "kubectl get configmaps -n childctl-history -l $selector" \
    -n kubectl-json "kubectl get configmaps -n childctl-history -l $selector -o json" > "$out/team-history.txt"

# The mirror under 50 ms of latency on every API request.
token="$(python3 -c "import sys,yaml;print(yaml.safe_load(open(sys.argv[1]))['users'][0]['user']['token'])" "$KUBECONFIG" 2>/dev/null \
    || awk '/token:/ {print $2; exit}' "$KUBECONFIG")"
server="$(kubectl config view -o jsonpath='{.clusters[0].cluster.server}')"
curl -sk -X PUT -H "Authorization: Bearer $token" -d '{"latencyMs": 50}' "$server/sandbox/v1/faults" > /dev/null
hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/team-mirror.json" \
    -n team-on "$childctl note bench-team mirrored --force" \
    -n team-off "env CHILDCTL_TEAM_HISTORY=off $childctl note bench-team local-only --force" > "$out/team-mirror.txt"
curl -sk -X DELETE -H "Authorization: Bearer $token" "$server/sandbox/v1/faults" > /dev/null

python3 - "$out/team-history.json" "$out/team-mirror.json" <<'PY' | tee -a "$out/team-summary.txt"
import json, sys
h = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
m = {x["command"]: x for x in json.load(open(sys.argv[2]))["results"]}
ms = lambda x: f"{x['median']*1000:.1f} ms (range {x['min']*1000:.1f}-{x['max']*1000:.1f})"
print(f"history NAME via team store: childctl {ms(h['childctl'])}, kubectl get cm -l {ms(h['kubectl'])}, "
      f"ratio {h['childctl']['median']/h['kubectl']['median']:.2f}; kubectl -o json {ms(h['kubectl-json'])}")
on, off = m["team-on"]["median"], m["team-off"]["median"]
print(f"note under 50 ms latency: team on {ms(m['team-on'])}, team off {ms(m['team-off'])}, "
      f"mirror adds {1000*(on-off):.1f} ms = {(on-off)/0.05:.2f} round trips")
PY
