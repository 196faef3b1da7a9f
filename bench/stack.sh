# Sourced by the bench scripts (from the project root).

# Starts Kafka, PostgreSQL and Keycloak through devstack on free ports, with their state in $1, owned by the
# calling script (they stop when it ends), and waits until they are ready. Sets stack_pid. PostgreSQL settings can be
# added in VKLAD_POSTGRES_SETTINGS ("name=value name=value"), e.g. to try a tuned server.
start_stack() {
  local state="$1"
  rm -rf "$state" && mkdir -p "$state"
  java -Xmx256m -XX:+UseSerialGC "-Dvklad.devstack.dir=$state" \
    -cp "devstack/target/classes:$(cat devstack/target/classes/devstack.classpath)" \
    ru.vklad.devstack.DevStack infra --ephemeral-ports "--state-dir=$state" "--owner-pid=$$" > "$state/supervisor.log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 300); do [ -f "$state/state.properties" ] && return 0; sleep 1; done
  echo "devstack did not start in 5 minutes: see $state/supervisor.log" >&2
  return 1
}

# The classpath of a bench harness module ($1): its classes, the event contracts and devstack with its libraries.
harness_classpath() {
  echo "$1/target/classes:events/target/classes:devstack/target/classes:$(cat devstack/target/classes/devstack.classpath)"
}

# The CPU model is printed too: the same code has drained at 8,164 and 21,157 activities/s on machines of the same
# size (bench/README), so results are compared on one CPU model only.
machine() {
  local cpu
  cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo) at $(awk -F': ' '/^cpu MHz/ {printf "%.0f", $2; exit}' /proc/cpuinfo) MHz"
  echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
}
