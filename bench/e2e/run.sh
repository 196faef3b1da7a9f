#!/usr/bin/env bash
# End-to-end benchmark: Kafka, PostgreSQL and Keycloak from devstack, the five packaged services (-Xmx256m each, the
# notification service recording instead of sending) and the harness, all on this machine. MEMBERS consenting
# employees published on the members topic as the gateway does; then like_add callbacks over HTTP at LATENCY_RATE/s for LATENCY_SECONDS
# (callback -> ENTRY_POSTED on ledger-events, p50/p95/p99), then at SUSTAINED_RATE/s for SUSTAINED_SECONDS (rate
# answered ok, every consumer group's lag, and how far each catches up within CATCH_UP_SECONDS), with each service's
# resident memory after each phase. First WARMUP_RATE/s for WARMUP_SECONDS, not measured (the services' JIT).
#   MEMBERS=20000 LATENCY_RATE=1000 LATENCY_SECONDS=60 SUSTAINED_RATE=5000 SUSTAINED_SECONDS=60 CATCH_UP_SECONDS=120 \
#   bench/e2e/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
members="${MEMBERS:-20000}"
latency_rate="${LATENCY_RATE:-1000}"
latency_seconds="${LATENCY_SECONDS:-60}"
sustained_rate="${SUSTAINED_RATE:-5000}"
sustained_seconds="${SUSTAINED_SECONDS:-60}"
catch_up_seconds="${CATCH_UP_SECONDS:-120}"
warm_up_rate="${WARMUP_RATE:-100}"
warm_up_seconds="${WARMUP_SECONDS:-60}"

./mvnw -B -q -Pbench package -DskipTests -pl devstack,gateway-service,activity-service,ledger-service,analytics-service,notification-service,bench/e2e/harness -am

state="$root/target/bench-e2e"
source bench/stack.sh
start_stack "$state"
trap 'kill $stack_pid 2> /dev/null || true; wait 2> /dev/null || true' EXIT

cp="$(harness_classpath bench/e2e/harness)"
machine
# SERVICE_JVM_OPTIONS replaces devstack's JIT choice for the services (C1 only), e.g. "" for the default JIT.
java -Xmx1g -Dvklad.devstack.service-jvm-options="${SERVICE_JVM_OPTIONS--XX:TieredStopAtLevel=1}" -cp "$cp" \
  ru.vklad.bench.e2e.EndToEndBench "$state" "$root" "$members" "$latency_rate" \
  "$latency_seconds" "$sustained_rate" "$sustained_seconds" "$catch_up_seconds" "$warm_up_rate" "$warm_up_seconds" | grep --line-buffered RESULT
