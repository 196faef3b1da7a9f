#!/usr/bin/env bash
# Ledger benchmark: entries per second through the packaged ledger service, every award drawing on the one
# issuance account with member balance checks on, from a flood of BACKLOG commands (5% redeliveries) into the warmed-up service; then
# RATE commands/s for SECONDS with the latency of each from produced to its ENTRY_POSTED event. Real Kafka and
# PostgreSQL from devstack, on the same machine as the service and the harness.
#   BACKLOG=200000 RATE=2000 SECONDS_AT_RATE=30 bench/ledger/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
backlog="${BACKLOG:-200000}"
rate="${RATE:-2000}"
seconds="${SECONDS_AT_RATE:-30}"

./mvnw -B -q -Pbench package -DskipTests -pl devstack,ledger-service,bench/ledger/harness -am

state="$root/target/bench-ledger"
rm -rf "$state" && mkdir -p "$state"
java -Xmx256m -XX:+UseSerialGC "-Dvklad.devstack.dir=$state" \
  -cp "devstack/target/classes:$(cat devstack/target/classes/devstack.classpath)" \
  ru.vklad.devstack.DevStack infra --ephemeral-ports "--state-dir=$state" "--owner-pid=$$" > "$state/supervisor.log" 2>&1 &
supervisor=$!
trap 'kill $supervisor 2> /dev/null || true; wait 2> /dev/null || true' EXIT
for _ in $(seq 1 300); do [ -f "$state/state.properties" ] && break; sleep 1; done

cp="bench/ledger/harness/target/classes:events/target/classes:devstack/target/classes:$(cat devstack/target/classes/devstack.classpath)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
java -Xmx1g -cp "$cp" ru.vklad.bench.ledger.LedgerBench "$state" "$root" "$backlog" "$rate" "$seconds" | grep RESULT
