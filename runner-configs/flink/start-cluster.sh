#!/usr/bin/env bash
# Starts a Flink 1.19 standalone session cluster on this machine from jars on Maven Central:
# one JobManager and one TaskManager (or --taskmanagers=N), separate processes, bound to 127.0.0.1.
#
#   runner-configs/flink/start-cluster.sh [--slots=2] [--taskmanagers=1] [--tm-memory=4096m]
#                                         [--jm-memory=1024m] [--rest-port=8081] [--rpc-port=6123]
#                                         [--dir=target/flink-cluster] [--timeout=180] [--offline]
#
# Then submit with --runner=FlinkRunner --flinkMaster=127.0.0.1:<rest-port>, and stop with
# runner-configs/flink/stop-cluster.sh [--dir=...]. Running it again while the cluster is up does
# nothing. The cluster folder (jars, conf, logs, PIDs, temporary files) is git-ignored and never
# inside the source tree.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../services.sh
source "$HERE/../services.sh"

SLOTS=2
TASKMANAGERS=1
TM_MEMORY=4096m
JM_MEMORY=1024m
REST_PORT=8081
RPC_PORT=6123
DIR="$REPO/target/flink-cluster"
TIMEOUT=180
OFFLINE=""

parse_flags start-cluster "slots taskmanagers tm-memory jm-memory rest-port rpc-port dir timeout" "$@"
check_flag start-cluster slots "$SLOTS" '^[1-9][0-9]*$' "a positive integer"
check_flag start-cluster taskmanagers "$TASKMANAGERS" '^[1-9][0-9]*$' "a positive integer"
check_flag start-cluster tm-memory "$TM_MEMORY" '^[0-9]+[mMgG]$' "like 4096m or 4g"
check_flag start-cluster jm-memory "$JM_MEMORY" '^[0-9]+[mMgG]$' "like 1024m or 1g"
check_flag start-cluster rest-port "$REST_PORT" '^[0-9]+$' "a number"
check_flag start-cluster rpc-port "$RPC_PORT" '^[0-9]+$' "a number"
check_flag start-cluster timeout "$TIMEOUT" '^[0-9]+$' "a number of seconds"
need_commands start-cluster java curl

mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
REST="http://127.0.0.1:$REST_PORT"

# The REST overview as one line, or nothing.
overview() { curl -fsS --max-time 3 "$REST/overview" 2>/dev/null | tr -d '\n' || true; }
json_int() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# The TaskManagers' names (their PID and log files): taskmanager, taskmanager-2, ...
TM_NAMES="taskmanager"
for i in $(seq 2 "$TASKMANAGERS"); do TM_NAMES="$TM_NAMES taskmanager-$i"; done

# --- idempotent: nothing to do when our cluster, with as many TaskManagers, is already up ---
all_alive() { local n; for n in jobmanager $TM_NAMES; do alive "$DIR/$n.pid" || return 1; done; }
any_alive() { local f; for f in "$DIR"/jobmanager.pid "$DIR"/taskmanager*.pid; do alive "$f" && return 0; done; return 1; }
if all_alive && [[ "$(ls "$DIR"/taskmanager*.pid 2>/dev/null | wc -l)" -eq "$TASKMANAGERS" ]]; then
  if [[ -n "$(overview)" ]]; then
    echo "Flink cluster already running at $REST (JobManager PID $(cat "$DIR/jobmanager.pid"), $TASKMANAGERS TaskManager(s))"
    exit 0
  fi
fi
# Half a cluster (one process died) or another number of TaskManagers: end what is left, start afresh.
if any_alive; then
  echo "start-cluster: a previous cluster is half up or of another size; stopping it first"
  "$HERE/stop-cluster.sh" --dir="$DIR"
fi
rm -f "$DIR"/jobmanager.pid "$DIR"/taskmanager*.pid

for port in "$REST_PORT" "$RPC_PORT"; do
  if (command -v ss >/dev/null && ss -ltn "sport = :$port" | grep -q LISTEN) \
      || curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/overview" 2>/dev/null; then
    echo "start-cluster: port $port is taken by another process (another Flink?); use --rest-port/--rpc-port" >&2
    exit 1
  fi
done

# --- jars: Flink 1.19 and DJL/ONNX Runtime from Maven Central, resolved once ---
resolve_jars start-cluster "$HERE/pom.xml" "$DIR" "$OFFLINE"
LIB="$DIR/lib"

# --- configuration: the template with this cluster's values ---
CONF="$DIR/conf"
mkdir -p "$CONF" "$DIR/log" "$DIR/tmp" "$DIR/web-tmp" "$DIR/web-upload" "$DIR/blobs" "$DIR/plugins"
cp "$HERE/config.yaml" "$CONF/config.yaml"
cp "$HERE/log4j.properties" "$CONF/log4j.properties"
set_key() {
  local key="$1" value="$2" file="$CONF/config.yaml"
  local pattern="^${key//./\\.}:"
  if grep -q "$pattern" "$file"; then
    sed -i "s|$pattern.*|$key: $value|" "$file"
  else
    echo "$key: $value" >>"$file"
  fi
}
set_key rest.port "$REST_PORT"
set_key jobmanager.rpc.port "$RPC_PORT"
set_key jobmanager.memory.process.size "$JM_MEMORY"
set_key taskmanager.memory.process.size "$TM_MEMORY"
set_key taskmanager.numberOfTaskSlots "$SLOTS"
set_key parallelism.default "$((SLOTS * TASKMANAGERS))"
set_key io.tmp.dirs "$DIR/tmp"
set_key web.tmpdir "$DIR/web-tmp"
set_key web.upload.dir "$DIR/web-upload"
set_key blob.storage.directory "$DIR/blobs"

JAVA_OPTS="$(sed -n 's/^env\.java\.opts\.all:[[:space:]]*//p' "$CONF/config.yaml")"
CP="$LIB/*"

# JVM flags (heap, direct, metaspace) and the matching -D dynamic properties, computed by Flink's
# own BashJavaUtils from the memory settings, as Flink's bin/ scripts do.
resource_params() {
  local out
  out="$(java -cp "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" 2>&1)" \
    || { echo "start-cluster: BashJavaUtils $1 failed:" >&2; echo "$out" >&2; exit 1; }
  out="$(echo "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p')"
  [[ "$(echo "$out" | wc -l)" -ge 2 ]] || { echo "start-cluster: unexpected BashJavaUtils output for $1" >&2; exit 1; }
  echo "$out"
}
JM_PARAMS="$(resource_params GET_JM_RESOURCE_PARAMS)"
TM_PARAMS="$(resource_params GET_TM_RESOURCE_PARAMS)"
JM_JVM="$(echo "$JM_PARAMS" | sed -n 1p)"; JM_DYN="$(echo "$JM_PARAMS" | sed -n 2p)"
TM_JVM="$(echo "$TM_PARAMS" | sed -n 1p)"; TM_DYN="$(echo "$TM_PARAMS" | sed -n 2p)"

start_process() {
  local name="$1" main="$2" jvm="$3" dyn="$4"
  # shellcheck disable=SC2086  # the flags are word lists
  (cd "$DIR" && FLINK_CONF_DIR="$CONF" FLINK_PLUGINS_DIR="$DIR/plugins" FLINK_LIB_DIR="$LIB" \
    OPT_OUT_TRACKING=true DJL_CACHE_DIR="$DIR/djl-cache" exec nohup java $jvm $JAVA_OPTS \
    -Djava.io.tmpdir="$DIR/tmp" \
    -Dlog.file="$DIR/log/$name.log" \
    -Dlog4j.configuration="file:$CONF/log4j.properties" \
    -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -cp "$CP" "$main" --configDir "$CONF" $dyn \
    >"$DIR/log/$name.out" 2>&1 </dev/null) &
  echo $! >"$DIR/$name.pid"
}

T0=$(date +%s)
start_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$JM_JVM" "$JM_DYN"
TM_PIDS=""
for name in $TM_NAMES; do
  # Each its own JVM: RPC and data ports are picked free by Flink, so several share the host.
  start_process "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$TM_JVM" "$TM_DYN"
  TM_PIDS="$TM_PIDS $(cat "$DIR/$name.pid")"
done
TOTAL_SLOTS=$((SLOTS * TASKMANAGERS))
echo "Started JobManager (PID $(cat "$DIR/jobmanager.pid")) and $TASKMANAGERS TaskManager(s) (PID$TM_PIDS); waiting for $TOTAL_SLOTS slots at $REST ..."

# --- ready when the REST API shows the TaskManager and all its slots ---
while true; do
  OV="$(overview)"
  TMS="$(echo "$OV" | json_int taskmanagers)"
  TOTAL="$(echo "$OV" | json_int slots-total)"
  if [[ -n "$TMS" && "$TMS" -ge "$TASKMANAGERS" && -n "$TOTAL" && "$TOTAL" -ge "$TOTAL_SLOTS" ]]; then
    echo "Flink cluster ready in $(( $(date +%s) - T0 )) s: $REST, $TMS TaskManager(s), $TOTAL slots, TaskManager memory $TM_MEMORY (logs in $DIR/log)"
    exit 0
  fi
  # shellcheck disable=SC2086  # a word list
  exit_if_dead start-cluster "$DIR" "$HERE/stop-cluster.sh" jobmanager $TM_NAMES
  if (( $(date +%s) - T0 > TIMEOUT )); then
    echo "start-cluster: not ready after $TIMEOUT s; stopping. Logs in $DIR/log" >&2
    "$HERE/stop-cluster.sh" --dir="$DIR" >/dev/null
    exit 1
  fi
  sleep 1
done
