#!/usr/bin/env bash
# Stops the session cluster that start-cluster.sh started: exactly the JobManager and TaskManager
# PIDs it recorded in the cluster folder, and only if they are still that cluster's processes.
#
#   runner-configs/flink/stop-cluster.sh [--dir=target/flink-cluster] [--timeout=30]
#
# SIGTERM first (Flink shuts down cleanly), SIGKILL after --timeout seconds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../services.sh
source "$HERE/../services.sh"
DIR="$REPO/target/flink-cluster"
TIMEOUT=30
for arg in "$@"; do
  case "$arg" in
    --dir=*) DIR="${arg#*=}" ;;
    --timeout=*) TIMEOUT="${arg#*=}" ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "stop-cluster: unknown flag $arg" >&2; exit 2 ;;
  esac
done
[[ -d "$DIR" ]] || { echo "No Flink cluster folder at $DIR: nothing to stop"; exit 0; }
DIR="$(cd "$DIR" && pwd)"

# Whether PID $1 is a process of this cluster (its command line names our conf folder), so a PID
# reused by the system after a crash is never signalled.
ours() { [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "--configDir $DIR/conf"; }

stop_recorded stop-cluster "$DIR" "$TIMEOUT" ours taskmanager jobmanager || echo "No Flink cluster running from $DIR"
