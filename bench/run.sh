#!/usr/bin/env bash
# Cairn benchmark: builds Cairn and the bench in Release, starts Cairn as its own process on a temp data dir,
# runs every scenario beside this machine's limits, prints one table and writes bench/results/latest.json
# (plus a timestamped copy and latest.md). The server, and any server the bench started, is stopped by PID on exit.
#
#   bash bench/run.sh            # full mode (issue sizes; under 20 minutes on 2 cores)
#   bash bench/run.sh --quick    # reduced sizes, under 3 minutes
#   bash bench/run.sh --quick --only 4,5    # selected scenarios (1-6), limits still measured
#
# Environment: CAIRN_BENCH_DIR (parent of the temp dir; default $TMPDIR or /tmp — it must be on the disk you
# want to measure), CAIRN_BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench_dir/.." && pwd)"
artifacts="$bench_dir/.artifacts"

echo "== building Cairn.Server and Cairn.Bench (Release) into $artifacts" >&2
# A private artifacts path: the bench's Release build never touches (or races with) src/*/bin and obj.
dotnet build "$repo/src/Cairn.Server/Cairn.Server.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
dotnet build "$bench_dir/Cairn.Bench/Cairn.Bench.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
server_dll="$artifacts/bin/Cairn.Server/release/Cairn.Server.dll"
bench_dll="$artifacts/bin/Cairn.Bench/release/Cairn.Bench.dll"

run_dir="$(mktemp -d "${CAIRN_BENCH_DIR:-${TMPDIR:-/tmp}}/cairn-bench.XXXXXX")"
data_dir="$run_dir/data"
pid_file="$run_dir/bench-servers.pid"
server_log="$run_dir/server.log"
mkdir -p "$data_dir"
server_pid=""

cleanup() {
  local status=$?
  # Servers the bench started itself (scenarios 5 and 6, the baseline), should it have died before stopping them.
  if [[ -s "$pid_file" ]]; then
    while read -r pid; do
      [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    done <"$pid_file"
  fi
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [[ "${CAIRN_BENCH_KEEP:-0}" != "1" ]]; then
    rm -rf "$run_dir"
  else
    echo "kept $run_dir" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export CAIRN_ROOT_USER="cairn-bench"
export CAIRN_ROOT_PASSWORD="cairn-bench-secret-0123456789"
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git -C "$repo" diff --quiet HEAD -- src 2>/dev/null; then
  commit="$commit+dirty"
fi
export CAIRN_BENCH_COMMIT="$commit"

echo "== starting Cairn (Release) on $data_dir" >&2
dotnet "$server_dll" --data "$data_dir" --urls "http://127.0.0.1:0" --Cairn:ManagementUrls=http://127.0.0.1:0 >"$server_log" 2>&1 &
server_pid=$!
endpoint=""
for _ in $(seq 1 300); do
  endpoint="$(sed -n 's/^Cairn listening on \(http:[^ ]*\).*/\1/p' "$server_log" | head -n 1)"
  [[ -n "$endpoint" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "Cairn exited before listening:" >&2
    cat "$server_log" >&2
    exit 1
  fi
  sleep 0.2
done
if [[ -z "$endpoint" ]]; then
  echo "Cairn did not report its address within 60 s:" >&2
  cat "$server_log" >&2
  exit 1
fi
echo "== Cairn pid $server_pid at $endpoint" >&2

dotnet "$bench_dll" \
  --endpoint "$endpoint" \
  --server-pid "$server_pid" \
  --data "$data_dir" \
  --server-dll "$server_dll" \
  --work "$run_dir/work" \
  --pid-file "$pid_file" \
  --results "$bench_dir/results" \
  --cache "$bench_dir/.cache" \
  "$@"
