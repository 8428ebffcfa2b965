#!/usr/bin/env bash
# Stops the HDFS that start-hdfs.sh started: exactly the NameNode and DataNode PIDs it recorded in
# the HDFS folder, and only if they are still that folder's processes. The data stays.
#
#   runner-configs/hdfs/stop-hdfs.sh [--dir=target/hdfs] [--timeout=30]
#
# SIGTERM first (Hadoop shuts down cleanly), SIGKILL after --timeout seconds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DIR="$REPO/target/hdfs"
TIMEOUT=30
for arg in "$@"; do
  case "$arg" in
    --dir=*) DIR="${arg#*=}" ;;
    --timeout=*) TIMEOUT="${arg#*=}" ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "stop-hdfs: unknown flag $arg" >&2; exit 2 ;;
  esac
done
[[ -d "$DIR" ]] || { echo "No HDFS folder at $DIR: nothing to stop"; exit 0; }
DIR="$(cd "$DIR" && pwd)"

# Whether PID $1 is a process of this HDFS (its command line names our folder), so a PID reused by
# the system after a crash is never signalled.
ours() { [[ -r "/proc/$1/cmdline" ]] && tr '\0' '\n' <"/proc/$1/cmdline" | grep -qxF -- "-Dreelbeam.hdfs=$DIR"; }

stopped=0
for name in datanode namenode; do
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
      echo "stop-hdfs: $name (PID $pid) did not stop in $TIMEOUT s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "Stopped $name (PID $pid)"
    stopped=$((stopped + 1))
  fi
  rm -f "$pidfile"
done
[[ $stopped -gt 0 ]] || echo "No HDFS running from $DIR"
