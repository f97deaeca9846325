#!/usr/bin/env bash
# The metadata stores side by side: runs scenarios 3 (Complete), 4 (4 KiB objects) and 5 (ListObjectsV2) with their
# limits three times — SQLite on one node, PostgreSQL on one node, PostgreSQL on two nodes sharing the database and
# the data dir — each through bench/run.sh, then writes one table of the three to bench/results/metadata-latest.md
# (and every run's report to metadata-latest.json). bench/results/latest.* are left alone.
#
#   bash bench/run-metadata.sh            # full sizes (10,000 parts, 1 M keys, 3 s phases)
#   bash bench/run-metadata.sh --quick    # reduced sizes
#   bash bench/run-metadata.sh --quick --only 4    # other scenarios than 3,4,5
#
# Other arguments go to every run.sh; its environment variables apply too.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
reports="$(mktemp -d "${TMPDIR:-/tmp}/cairn-bench-metadata.XXXXXX")"
trap 'rm -rf "$reports"' EXIT

args=("$@")
[[ " ${args[*]} " == *" --only "* ]] || args+=(--only 3,4,5)

status=0
for setup in "sqlite 1" "postgres 1" "postgres 2"; do
  read -r metadata nodes <<<"$setup"
  echo "==== $metadata, $nodes node(s)" >&2
  bash "$bench_dir/run.sh" --metadata "$metadata" --nodes "$nodes" --results "$reports/$metadata-$nodes" "${args[@]}" || status=$?
done

# The reports in setup order (each run wrote one timestamped JSON into its own directory).
jsons=()
for setup in sqlite-1 postgres-1 postgres-2; do
  for file in "$reports/$setup"/*.json; do
    [[ -e "$file" ]] && jsons+=("$file")
  done
done
if ((${#jsons[@]} == 0)); then
  echo "no run produced a report" >&2
  exit 1
fi
dotnet "$bench_dir/.artifacts/bin/Cairn.Bench/release/Cairn.Bench.dll" compare "$bench_dir/results/metadata-latest" "${jsons[@]}"
exit "$status"
