# Shared by bench/live-view.sh and bench/lifecycle.sh (sourced, not run): the binaries they measure and a private
# sandbox for one run. Expects $root; sets $childctl, $sandbox_bin, $work (removed on exit) and, after
# start_sandbox, $sandbox_pid and the KUBECONFIG, KUBECACHEDIR and CHILDCTL_HISTORY_DIR of that sandbox.
childctl="$root/artifacts/aot/childctl"
sandbox_bin="$root/artifacts/sandbox/childctl-sandbox"

if [ ! -x "$childctl" ]; then
    echo "publishing the NativeAOT childctl (takes minutes)..." >&2
    dotnet publish "$root/src/Childctl.Cli" -c Release -r linux-x64 -o "$root/artifacts/aot" -nologo -v q >&2
fi
if [ ! -x "$sandbox_bin" ]; then
    echo "building the sandbox..." >&2
    dotnet build "$root/src/Childctl.Sandbox" -c Release -o "$root/artifacts/sandbox" -nologo -v q >&2
fi

work="$(mktemp -d)"
sandbox_pid=""
cleanup() {
    if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" HUP INT TERM PIPE

# start_sandbox [sandbox flags...]: starts it on a free port and waits until it reports ready.
start_sandbox() {
    "$sandbox_bin" --port 0 --kubeconfig-out "$work/kubeconfig" "$@" > "$work/sandbox.out" 2> "$work/sandbox.err" &
    sandbox_pid=$!
    for _ in $(seq 1 600); do
        grep -q '^ready ' "$work/sandbox.out" 2>/dev/null && break
        kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; exit 1; }
        sleep 0.1
    done
    grep -q '^ready ' "$work/sandbox.out" || { echo "sandbox did not become ready" >&2; exit 1; }
    export KUBECONFIG="$work/kubeconfig"
    export KUBECACHEDIR="$work/kube-cache"
    export CHILDCTL_HISTORY_DIR="$work/history"
}
