#!/usr/bin/env bash
# Cairn benchmark: builds Cairn and the bench in Release, starts Cairn as its own process on a temp data dir,
# runs every scenario beside this machine's limits, prints one table and writes bench/results/latest.json
# (plus a timestamped copy and latest.md). The server, and any server the bench started, is stopped by PID on exit.
#
#   bash bench/run.sh            # full mode (issue sizes; under 20 minutes on 2 cores)
#   bash bench/run.sh --quick    # reduced sizes, under 3 minutes
#   bash bench/run.sh --quick --only 4,5    # selected scenarios (1-6), limits still measured
#   bash bench/run.sh --quick --only 3,4,5 --metadata postgres --nodes 2
#       # metadata in a throwaway PostgreSQL cluster (.ci/postgres, started and stopped here), N nodes sharing it
#       # and the data dir; writes only a timestamped JSON named after the setup
#
# Environment: CAIRN_BENCH_DIR (parent of the temp dir; default $TMPDIR or /tmp — it must be on the disk you
# want to measure), CAIRN_BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench_dir/.." && pwd)"
artifacts="$bench_dir/.artifacts"

metadata=sqlite
nodes=1
bench_args=()
while (($#)); do
  case "$1" in
    --metadata) metadata="${2:?--metadata needs sqlite or postgres}"; shift 2 ;;
    --nodes) nodes="${2:?--nodes needs a number}"; shift 2 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
if [[ "$metadata" != sqlite && "$metadata" != postgres ]]; then
  echo "--metadata is sqlite or postgres, not $metadata" >&2
  exit 2
fi
if ! [[ "$nodes" =~ ^[1-9][0-9]*$ ]] || { [[ "$metadata" == sqlite ]] && ((nodes > 1)); }; then
  echo "--nodes is a positive number, and more than one node needs --metadata postgres" >&2
  exit 2
fi

echo "== building Cairn.Server and Cairn.Bench (Release) into $artifacts" >&2
# A private artifacts path: the bench's Release build never touches (or races with) src/*/bin and obj.
dotnet build "$repo/src/Cairn.Server/Cairn.Server.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
dotnet build "$bench_dir/Cairn.Bench/Cairn.Bench.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >&2
server_dll="$artifacts/bin/Cairn.Server/release/Cairn.Server.dll"
bench_dll="$artifacts/bin/Cairn.Bench/release/Cairn.Bench.dll"

run_dir="$(mktemp -d "${CAIRN_BENCH_DIR:-${TMPDIR:-/tmp}}/cairn-bench.XXXXXX")"
data_dir="$run_dir/data"
pid_file="$run_dir/bench-servers.pid"
pg_dir="$run_dir/postgres"
mkdir -p "$data_dir"
server_pids=()
pg_started=0

cleanup() {
  local status=$?
  # Servers the bench started itself (scenarios 5 and 6, the baseline), should it have died before stopping them.
  if [[ -s "$pid_file" ]]; then
    while read -r pid; do
      [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    done <"$pid_file"
  fi
  local pid
  for pid in "${server_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${server_pids[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  if ((pg_started)); then
    "$repo/.ci/postgres" stop "$pg_dir" || true
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

node_args=()
if [[ "$metadata" == postgres ]]; then
  # A port nothing listens on (bash's /dev/tcp connect fails), for a cluster of this run's own.
  for _ in $(seq 1 50); do
    pg_port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null || break
  done
  # As root, the cluster runs as 'postgres', which must reach its directory inside this (mode 0700) temp dir.
  [[ "$(id -u)" -eq 0 ]] && chmod 711 "$run_dir"
  echo "== starting PostgreSQL on 127.0.0.1:$pg_port ($pg_dir)" >&2
  pg_started=1
  admin="$("$repo/.ci/postgres" start "$pg_dir" "$pg_port")"
  psql "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE cairn_bench" >&2
  connection="${admin/Database=postgres/Database=cairn_bench}"
  node_args=(--metadata "$connection")
fi

# Starts node $1 (1-based) on the data dir; sets $endpoint and appends to server_pids.
start_node() {
  local node="$1" log="$run_dir/server-$1.log" pid
  local args=(--data "$data_dir" --urls "http://127.0.0.1:0" --Cairn:ManagementUrls=http://127.0.0.1:0)
  if [[ "$metadata" == postgres ]]; then
    args+=("${node_args[@]}" --Cairn:NodeId="bench-$node")
  fi
  echo "== starting Cairn node $node (Release, $metadata metadata) on $data_dir" >&2
  dotnet "$server_dll" "${args[@]}" >"$log" 2>&1 &
  pid=$!
  server_pids+=("$pid")
  endpoint=""
  for _ in $(seq 1 300); do
    endpoint="$(sed -n 's/^Cairn listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)"
    [[ -n "$endpoint" ]] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Cairn exited before listening:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  if [[ -z "$endpoint" ]]; then
    echo "Cairn did not report its address within 60 s:" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "== Cairn node $node pid $pid at $endpoint" >&2
}

target_args=()
for node in $(seq 1 "$nodes"); do
  start_node "$node"
  target_args+=(--endpoint "$endpoint" --server-pid "${server_pids[-1]}")
done
if [[ "$metadata" == postgres ]]; then
  target_args+=("${node_args[@]}" --database-pid "$(head -n 1 "$pg_dir/postmaster.pid")")
fi

dotnet "$bench_dll" \
  "${target_args[@]}" \
  --data "$data_dir" \
  --server-dll "$server_dll" \
  --work "$run_dir/work" \
  --pid-file "$pid_file" \
  --results "$bench_dir/results" \
  --cache "$bench_dir/.cache" \
  "${bench_args[@]}"
