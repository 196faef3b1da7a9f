#!/usr/bin/env bash
# Analytics benchmark: a generated community (bench/analytics/harness, CommunityGenerator) of MEMBERS members
# with ACTIVITIES activities and LEDGER_EVENTS ledger events over 13 weeks is produced to Kafka; the packaged
# analytics service drains it (ingest rate), then answers leaderboard and member queries (p50/p95/p99 over HTTP).
# Real Kafka, PostgreSQL and Keycloak from devstack, on the same machine as the service and the harness.
#   MEMBERS=100000 ACTIVITIES=10000000 LEDGER_EVENTS=3000000 QUERIES=200 bench/analytics/run.sh
# SERVICE_JVM_OPTIONS adds options to the service's JVM, e.g. -XX:StartFlightRecording=filename=/tmp/analytics.jfr
# PostgreSQL gets the memory a production server would have (devstack's 128 MB of shared buffers made the full-size
# drain wait on reads, bench/README run 6); VKLAD_POSTGRES_SETTINGS replaces these settings (empty: devstack's).
export VKLAD_POSTGRES_SETTINGS="${VKLAD_POSTGRES_SETTINGS-shared_buffers=2GB max_wal_size=8GB checkpoint_timeout=30min}"
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
members="${MEMBERS:-100000}"
activities="${ACTIVITIES:-10000000}"
ledger_events="${LEDGER_EVENTS:-3000000}"
queries="${QUERIES:-200}"

./mvnw -B -q -Pbench package -DskipTests -pl devstack,analytics-service,bench/analytics/harness -am

state="$root/target/bench-analytics"
source bench/stack.sh
start_stack "$state"
trap 'kill $stack_pid 2> /dev/null || true; wait 2> /dev/null || true' EXIT

cp="$(harness_classpath bench/analytics/harness)"
machine
java -Xmx2g "-Dvklad.devstack.service-jvm-options=${SERVICE_JVM_OPTIONS:-}" -cp "$cp" ru.vklad.bench.analytics.AnalyticsBench "$state" "$root" "$members" "$activities" \
  "$ledger_events" "$queries" | grep RESULT
