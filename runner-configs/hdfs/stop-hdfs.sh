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
# shellcheck source=../services.sh
source "$HERE/../services.sh"
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

stop_recorded stop-hdfs "$DIR" "$TIMEOUT" ours datanode namenode || echo "No HDFS running from $DIR"
