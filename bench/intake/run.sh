#!/usr/bin/env bash
# Intake benchmark: VK callbacks/s and ack latency of activity-service's POST /vk/callback (each callback
# acknowledged only after Kafka, acks=all, has it) against a bare Quarkus endpoint that only answers "ok",
# in the same run on the same machine. Needs wrk and hey (Debian: apt-get install wrk hey).
#   DURATION=30s  RATE=5000  bench/intake/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
duration="${DURATION:-30s}"
rate="${RATE:-5000}"
workers=50
for tool in wrk hey; do
  command -v "$tool" > /dev/null || { echo "bench/intake needs $tool: apt-get install wrk hey" >&2; exit 1; }
done

./mvnw -B -q -Pbench package -DskipTests -pl devstack,activity-service,bench/intake/baseline -am

state="$root/target/bench-intake"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done; wait 2> /dev/null || true; }
trap cleanup EXIT

# Kafka, PostgreSQL and Keycloak on free ports; they stop when this script ends (owner pid).
source bench/stack.sh
start_stack "$state"
pids+=("$stack_pid")
prop() { grep "^$1=" "$state/state.properties" | cut -d= -f2- | sed 's/\\//g'; }
kafka=$(prop kafka.bootstrap-servers); pg="$(prop postgres.host):$(prop postgres.port)"

intake_port=18081
baseline_port=18091
QUARKUS_HTTP_PORT=$intake_port QUARKUS_HTTP_HOST=127.0.0.1 KAFKA_BOOTSTRAP_SERVERS="$kafka" \
  QUARKUS_DATASOURCE_USERNAME=vklad QUARKUS_DATASOURCE_PASSWORD=vklad \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg/vklad_activity" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg/vklad_activity" \
  java -Xmx256m "-Dvklad.devstack.dir=$state" \
  '-Dvklad.vk.communities."229000001".secret=s3cr3t-demo' \
  '-Dvklad.vk.communities."229000001".confirmation=demo-confirm-7f3a' \
  -jar activity-service/target/quarkus-app/quarkus-run.jar > "$state/activity.log" 2>&1 &
pids+=($!)
java -Xmx256m -jar bench/intake/baseline/target/quarkus-app/quarkus-run.jar > "$state/baseline.log" 2>&1 &
pids+=($!)
for port in $intake_port $baseline_port; do
  for _ in $(seq 1 120); do curl -sf -o /dev/null -X POST -d '{}' "http://127.0.0.1:$port/vk/callback" \
    || [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' "http://127.0.0.1:$port/vk/callback")" = 400 ] && break; sleep 1; done
done

body="$state/like.json"
printf '%s' '{"type":"like_add","event_id":"bench-fixed-rate","v":"5.199","group_id":229000001,"secret":"s3cr3t-demo","object":{"liker_id":51200901,"object_type":"post","object_owner_id":-229000001,"object_id":1201,"thread_reply_id":0,"post_id":0}}' > "$body"

machine
for target in "activity-service:$intake_port" "bare-quarkus:$baseline_port"; do
  name=${target%%:*}; port=${target##*:}
  wrk -t2 -c64 -d10s -s bench/intake/callback.lua "http://127.0.0.1:$port/vk/callback" > /dev/null # warm-up
  echo "== $name: maximum rate (wrk, 2 threads, 64 connections, $duration)"
  wrk -t2 -c64 -d"$duration" -s bench/intake/callback.lua "http://127.0.0.1:$port/vk/callback" | grep RESULT
  echo "== $name: fixed rate $rate/s (hey, $workers workers x $((rate / workers))/s, $duration)"
  hey -z "$duration" -c $workers -q $((rate / workers)) -m POST -T application/json -D "$body" \
    "http://127.0.0.1:$port/vk/callback" | grep -E "Requests/sec|  (50|99)% in|^  \[[0-9]{3}\]"
done
