#!/usr/bin/env bash
# Starts a single-machine HDFS from Hadoop's jars on Maven Central: one NameNode and one DataNode,
# separate processes, bound to 127.0.0.1, replication 1, permissions off (a test and demo store).
#
#   runner-configs/hdfs/start-hdfs.sh [--port=9000] [--http-port=9870] [--dir=target/hdfs]
#                                     [--timeout=120] [--offline]
#
# Prints its URI, hdfs://127.0.0.1:<port>, as the last line. Put files with
# runner-configs/hdfs/hdfs.sh dfs -put ..., read with --input=hdfs://127.0.0.1:<port>/..., stop with
# runner-configs/hdfs/stop-hdfs.sh [--dir=...]. Running it again while it is up only prints the
# URI. Data, logs and PIDs live in the HDFS folder (git-ignored target/), kept between starts.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../services.sh
source "$HERE/../services.sh"

PORT=9000
HTTP_PORT=9870
DIR="$REPO/target/hdfs"
TIMEOUT=120
OFFLINE=""

parse_flags start-hdfs "port http-port dir timeout" "$@"
check_flag start-hdfs port "$PORT" '^[0-9]+$' "a number"
check_flag start-hdfs http-port "$HTTP_PORT" '^[0-9]+$' "a number"
check_flag start-hdfs timeout "$TIMEOUT" '^[0-9]+$' "a number of seconds"
need_commands start-hdfs java curl

mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
URI="hdfs://127.0.0.1:$PORT"
JMX="http://127.0.0.1:$HTTP_PORT/jmx"

# A number from the NameNode's JMX bean $1, field $2; empty when the NameNode does not answer.
jmx_value() {
  curl -fsS --max-time 3 "$JMX?qry=Hadoop:service=NameNode,name=$1" 2>/dev/null | tr -d '\n ' \
    | sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p" || true
}

if alive "$DIR/namenode.pid" && alive "$DIR/datanode.pid"; then
  echo "HDFS already running (NameNode PID $(cat "$DIR/namenode.pid"), DataNode PID $(cat "$DIR/datanode.pid"))"
  echo "$URI"
  exit 0
fi
if alive "$DIR/namenode.pid" || alive "$DIR/datanode.pid"; then
  echo "start-hdfs: a previous HDFS is half up; stopping it first"
  "$HERE/stop-hdfs.sh" --dir="$DIR"
fi
rm -f "$DIR/namenode.pid" "$DIR/datanode.pid"

for port in "$PORT" "$HTTP_PORT"; do
  if command -v ss >/dev/null && ss -ltn "sport = :$port" | grep -q LISTEN; then
    echo "start-hdfs: port $port is taken by another process; use --port/--http-port" >&2
    exit 1
  fi
done

# --- jars: Hadoop from Maven Central, resolved once ---
resolve_jars start-hdfs "$HERE/pom.xml" "$DIR" "$OFFLINE"
LIB="$DIR/lib"

# --- configuration: this HDFS's addresses and folders ---
CONF="$DIR/conf"
mkdir -p "$CONF" "$DIR/log" "$DIR/tmp"
# The NameNode and DataNode serve their web pages from webapps/<name> on the classpath; Maven
# Central's jars do not carry the pages, so empty folders stand in (the JMX servlet, which the
# readiness check below reads, needs none).
mkdir -p "$CONF/webapps/hdfs" "$CONF/webapps/datanode" "$CONF/webapps/static"
property() { printf '  <property><name>%s</name><value>%s</value></property>\n' "$1" "$2"; }
{
  echo '<?xml version="1.0"?><configuration>'
  property fs.defaultFS "$URI"
  property hadoop.tmp.dir "$DIR/tmp"
  echo '</configuration>'
} >"$CONF/core-site.xml"
{
  echo '<?xml version="1.0"?><configuration>'
  property dfs.namenode.name.dir "file://$DIR/name"
  property dfs.datanode.data.dir "file://$DIR/data"
  property dfs.namenode.rpc-address "127.0.0.1:$PORT"
  property dfs.namenode.http-address "127.0.0.1:$HTTP_PORT"
  property dfs.namenode.secondary.http-address "127.0.0.1:0"
  # The DataNode's ports are chosen by the system: several of these can run side by side.
  property dfs.datanode.address "127.0.0.1:0"
  property dfs.datanode.http.address "127.0.0.1:0"
  property dfs.datanode.ipc.address "127.0.0.1:0"
  property dfs.datanode.hostname 127.0.0.1
  property dfs.namenode.datanode.registration.ip-hostname-check false
  property dfs.replication 1
  property dfs.permissions.enabled false
  # One DataNode: leave safe mode as soon as its blocks are reported.
  property dfs.namenode.safemode.extension 0
  property dfs.namenode.safemode.min.datanodes 1
  echo '</configuration>'
} >"$CONF/hdfs-site.xml"
cat >"$CONF/log4j.properties" <<LOG
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=\${hadoop.log.dir}/\${hadoop.log.file}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=%d{ISO8601} %p %c: %m%n
log4j.logger.org.apache.hadoop.util.NativeCodeLoader=ERROR
LOG
cat >"$CONF/log4j-client.properties" <<'LOG'
log4j.rootLogger=WARN, console
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.target=System.err
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%p %c: %m%n
log4j.logger.org.apache.hadoop.util.NativeCodeLoader=ERROR
LOG

CP="$CONF:$LIB/*"
# Every process carries -Dreelbeam.hdfs=<folder>, so stop-hdfs.sh signals only its own.
java_hdfs() {
  local name="$1"; shift
  exec java -Xmx384m -Dreelbeam.hdfs="$DIR" -Djava.io.tmpdir="$DIR/tmp" \
    -Dhadoop.log.dir="$DIR/log" -Dhadoop.log.file="$name.log" \
    -Dlog4j.configuration="file:$CONF/log4j.properties" -cp "$CP" "$@"
}

if [[ ! -f "$DIR/name/current/VERSION" ]]; then
  echo "Formatting the NameNode in $DIR/name ..."
  (java_hdfs format org.apache.hadoop.hdfs.server.namenode.NameNode -format -nonInteractive) \
      >"$DIR/log/format.out" 2>&1 \
    || { echo "start-hdfs: formatting failed; see $DIR/log/format.{out,log}" >&2; exit 1; }
fi

start_process() {
  local name="$1" main="$2"
  (cd "$DIR" && java_hdfs "$name" "$main" >"$DIR/log/$name.out" 2>&1 </dev/null) &
  echo $! >"$DIR/$name.pid"
}

T0=$(date +%s)
start_process namenode org.apache.hadoop.hdfs.server.namenode.NameNode
start_process datanode org.apache.hadoop.hdfs.server.datanode.DataNode
echo "Started NameNode (PID $(cat "$DIR/namenode.pid")) and DataNode (PID $(cat "$DIR/datanode.pid")); waiting for $URI ..."

# --- ready when the NameNode sees its DataNode and is out of safe mode ---
while true; do
  LIVE="$(jmx_value FSNamesystemState NumLiveDataNodes)"
  MODE="$(jmx_value NameNodeInfo Safemode)"
  STATE="$(jmx_value FSNamesystemState FSState)"
  if [[ "$LIVE" =~ ^[1-9] && "$STATE" == "Operational" && -z "$MODE" ]]; then
    echo "HDFS ready in $(( $(date +%s) - T0 )) s: NameNode $URI (web http://127.0.0.1:$HTTP_PORT), 1 DataNode, data in $DIR (logs in $DIR/log)"
    echo "$URI"
    exit 0
  fi
  exit_if_dead start-hdfs "$DIR" "$HERE/stop-hdfs.sh" namenode datanode
  if (( $(date +%s) - T0 > TIMEOUT )); then
    echo "start-hdfs: not ready after $TIMEOUT s; stopping. Logs in $DIR/log" >&2
    "$HERE/stop-hdfs.sh" --dir="$DIR" >/dev/null
    exit 1
  fi
  sleep 1
done
