# Shared by the scripts that start and stop the project's local services (flink/, hdfs/): each runs
# Java processes from jars resolved from Maven Central into its folder, records their PIDs there,
# and stops exactly those. Sourced, not run.

# alive PIDFILE: whether the process recorded in PIDFILE runs.
alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# usage: the running script's header (its comment lines after the #! line), without the '# '.
usage() { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "${BASH_SOURCE[-1]}"; }

# parse_flags SCRIPT "NAME..." ARGS...: each --NAME=VALUE whose NAME is listed sets the variable
# named after it (--rest-port=8081 sets REST_PORT); --offline sets OFFLINE=-o (Maven's offline
# flag, for resolve_jars); --help prints the script's header and exits 0; anything else exits 2.
parse_flags() {
  local script="$1" names=" $2 " arg name
  shift 2
  for arg in "$@"; do
    name="${arg%%=*}"
    name="${name#--}"
    case "$arg" in
      --offline) OFFLINE="-o" ;;
      -h|--help) usage; exit 0 ;;
      --*=*) if [[ "$names" == *" $name "* ]]; then
               name="${name//-/_}"
               printf -v "${name^^}" '%s' "${arg#*=}"
             else
               echo "$script: unknown flag $arg" >&2; usage >&2; exit 2
             fi ;;
      *) echo "$script: unknown flag $arg" >&2; usage >&2; exit 2 ;;
    esac
  done
}

# check_flag SCRIPT NAME VALUE REGEX WHAT: exits 2 with "--NAME must be WHAT" unless VALUE matches.
check_flag() { [[ "$3" =~ $4 ]] || { echo "$1: --$2 must be $5" >&2; exit 2; }; }

# need_commands SCRIPT COMMAND...: exits 2 naming the first COMMAND that is not on PATH.
need_commands() {
  local script="$1" c
  shift
  for c in "$@"; do
    command -v "$c" >/dev/null || { echo "$script: $c is not on PATH" >&2; exit 2; }
  done
}

# resolve_jars SCRIPT POM DIR OFFLINE: copies POM's dependencies into DIR/lib once, and again when
# POM changes (DIR/lib/.resolved is newer than it otherwise). OFFLINE is "" or "-o".
resolve_jars() {
  local script="$1" pom="$2" dir="$3" offline="$4"
  local lib="$dir/lib" repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [[ -f "$lib/.resolved" && ! "$pom" -nt "$lib/.resolved" ]]; then
    return 0
  fi
  echo "Resolving the jars of $(basename "$(dirname "$pom")") into $lib ..."
  rm -rf "$lib"
  mkdir -p "$lib"
  # shellcheck disable=SC2086  # OFFLINE is empty or one flag
  "$repo/mvnw" -q -B $offline -f "$pom" dependency:copy-dependencies -DoutputDirectory="$lib" \
      >"$dir/resolve.log" 2>&1 \
    || { echo "$script: resolving the jars failed; see $dir/resolve.log" >&2; tail -20 "$dir/resolve.log" >&2; exit 1; }
  touch "$lib/.resolved"
}

# stop_recorded SCRIPT DIR TIMEOUT OURS NAME...: for each DIR/NAME.pid whose process still runs and
# that the function OURS accepts (its command line names this folder, so a PID the system reused is
# never signalled): SIGTERM, then SIGKILL after TIMEOUT seconds. Removes the PID files. Prints what
# it stopped; returns 1 when nothing ran.
stop_recorded() {
  local script="$1" dir="$2" timeout="$3" ours="$4"
  shift 4
  local stopped=0 name pidfile pid
  for name in "$@"; do
    pidfile="$dir/$name.pid"
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null && "$ours" "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 "$((timeout * 5))"); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
      done
      if kill -0 "$pid" 2>/dev/null; then
        echo "$script: $name (PID $pid) did not stop in $timeout s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      echo "Stopped $name (PID $pid)"
      stopped=$((stopped + 1))
    fi
    rm -f "$pidfile"
  done
  [[ $stopped -gt 0 ]]
}

# exit_if_dead SCRIPT DIR STOP NAME...: while waiting for readiness, when one of the processes
# DIR/NAME.pid has exited, shows the end of its logs, stops the others with STOP and exits 1.
exit_if_dead() {
  local script="$1" dir="$2" stop="$3"
  shift 3
  local name
  for name in "$@"; do
    if ! alive "$dir/$name.pid"; then
      echo "$script: the $name exited; last lines of $dir/log/$name.{out,log}:" >&2
      tail -20 "$dir/log/$name.out" "$dir/log/$name.log" 2>/dev/null >&2 || true
      "$stop" --dir="$dir" >/dev/null
      exit 1
    fi
  done
}

# stop_main SCRIPT WHAT DEFAULT_DIR MARKER "NAME..." ARGS...: the whole of a stop script (a NAME
# with '*' stands for every DIR/NAME.pid that matches). Flags:
# --dir=DIR (DEFAULT_DIR), --timeout=SECONDS (30), --help (the calling script's header). A process
# is this service's when one argument of its command line is MARKER with %s replaced by the folder.
stop_main() {
  local script="$1" what="$2" dir="$3" marker="$4" names="$5"
  shift 5
  local timeout=30 arg
  for arg in "$@"; do
    case "$arg" in
      --dir=*) dir="${arg#*=}" ;;
      --timeout=*) timeout="${arg#*=}" ;;
      -h|--help) usage; return 0 ;;
      *) echo "$script: unknown flag $arg" >&2; return 2 ;;
    esac
  done
  [[ -d "$dir" ]] || { echo "No $what folder at $dir: nothing to stop"; return 0; }
  dir="$(cd "$dir" && pwd)"
  SERVICE_MARKER="${marker//%s/$dir}"
  local expanded="" name pidfile
  for name in $names; do
    if [[ "$name" == *"*"* ]]; then
      for pidfile in "$dir"/$name.pid; do
        [[ -f "$pidfile" ]] && expanded="$expanded $(basename "$pidfile" .pid)"
      done
    else
      expanded="$expanded $name"
    fi
  done
  # shellcheck disable=SC2086  # NAME... is a word list
  stop_recorded "$script" "$dir" "$timeout" marked_process $expanded || echo "No $what running from $dir"
}

# marked_process PID: whether PID's command line has the argument SERVICE_MARKER.
marked_process() {
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' '\n' <"/proc/$1/cmdline" | grep -qxF -- "$SERVICE_MARKER"
}
