#!/usr/bin/env bash
# Hadoop's own `hdfs` command line, from the jars and configuration of the HDFS that
# start-hdfs.sh started (so paths without a scheme are on it):
#
#   runner-configs/hdfs/hdfs.sh [--dir=target/hdfs] dfs -put -p films/ /films
#   runner-configs/hdfs/hdfs.sh dfs -ls -R /films
#   runner-configs/hdfs/hdfs.sh dfs -get /out/x.json .
#   runner-configs/hdfs/hdfs.sh dfsadmin -report | fsck / | getconf -confKey fs.defaultFS | version
#
# `-put -p` keeps the files' modification times, so their fingerprints match the local files'.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DIR="$REPO/target/hdfs"
if [[ "${1:-}" == --dir=* ]]; then
  DIR="${1#*=}"
  shift
fi
usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
[[ $# -ge 1 ]] || { usage >&2; exit 2; }
[[ -f "$DIR/lib/.resolved" && -f "$DIR/conf/core-site.xml" ]] \
  || { echo "hdfs.sh: no HDFS folder at $DIR: run runner-configs/hdfs/start-hdfs.sh first" >&2; exit 2; }
DIR="$(cd "$DIR" && pwd)"

command="$1"
shift
case "$command" in
  dfs) main=org.apache.hadoop.fs.FsShell ;;
  dfsadmin) main=org.apache.hadoop.hdfs.tools.DFSAdmin ;;
  fsck) main=org.apache.hadoop.hdfs.tools.DFSck ;;
  getconf) main=org.apache.hadoop.hdfs.tools.GetConf ;;
  version) main=org.apache.hadoop.util.VersionInfo ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "hdfs.sh: unknown command $command (dfs, dfsadmin, fsck, getconf, version)" >&2; exit 2 ;;
esac

# Client messages go to the console at WARN; the servers keep their own logs.
exec java -Xmx256m -Dlog4j.configuration="file:$DIR/conf/log4j-client.properties" \
  -Dhadoop.log.dir="$DIR/log" -cp "$DIR/conf:$DIR/lib/*" "$main" "$@"
