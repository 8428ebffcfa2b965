#!/usr/bin/env bash
# Stops the HDFS that start-hdfs.sh started: exactly the NameNode and DataNode PIDs it recorded in
# the HDFS folder, and only if they are still that folder's processes. The data stays.
#
#   runner-configs/hdfs/stop-hdfs.sh [--dir=target/hdfs] [--timeout=30]
#
# SIGTERM first (Hadoop shuts down cleanly), SIGKILL after --timeout seconds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../services.sh
source "$HERE/../services.sh"

# start-hdfs.sh gives each of its processes -Dreelbeam.hdfs=<folder>.
stop_main stop-hdfs HDFS "$HERE/../../target/hdfs" "-Dreelbeam.hdfs=%s" "datanode namenode" "$@"
