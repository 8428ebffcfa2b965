#!/usr/bin/env bash
# Stops the session cluster that start-cluster.sh started: exactly the JobManager and TaskManager(s)
# PIDs it recorded in the cluster folder, and only if they are still that cluster's processes.
#
#   runner-configs/flink/stop-cluster.sh [--dir=target/flink-cluster] [--timeout=30]
#
# SIGTERM first (Flink shuts down cleanly), SIGKILL after --timeout seconds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../services.sh
source "$HERE/../services.sh"

# A cluster's processes run with --configDir <folder>/conf.
stop_main stop-cluster "Flink cluster" "$HERE/../../target/flink-cluster" "%s/conf" "taskmanager taskmanager-* jobmanager" "$@"
