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
source bench/stack.sh
start_stack "$state"
trap 'kill $stack_pid 2> /dev/null || true; wait 2> /dev/null || true' EXIT

cp="$(harness_classpath bench/ledger/harness)"
machine
java -Xmx1g -Dvklad.devstack.service-jvm-options= -cp "$cp" ru.vklad.bench.ledger.LedgerBench "$state" "$root" "$backlog" "$rate" "$seconds" | grep RESULT
