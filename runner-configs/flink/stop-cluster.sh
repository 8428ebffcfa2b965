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

stopped=0
for name in taskmanager jobmanager; do
  pidfile="$DIR/$name.pid"
  [[ -f "$pidfile" ]] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null && ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 "$((TIMEOUT * 5))"); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "stop-cluster: $name (PID $pid) did not stop in $TIMEOUT s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "Stopped $name (PID $pid)"
    stopped=$((stopped + 1))
  fi
  rm -f "$pidfile"
done
[[ $stopped -gt 0 ]] || echo "No Flink cluster running from $DIR"
