#!/usr/bin/env bash
# Notification benchmark: award messages per second from ledger-events to the VK API double through the packaged
# notification service (official VK SDK, one messages.send per message), with its per-token rate limiter off
# and at VK's 20 requests/s. Real Kafka and PostgreSQL from devstack.
#   MESSAGES=2000 LIMITED_MESSAGES=300 bench/notify/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
messages="${MESSAGES:-2000}"
limited="${LIMITED_MESSAGES:-300}"

./mvnw -B -q -Pbench package -DskipTests -pl devstack,notification-service,bench/notify/harness -am

state="$root/target/bench-notify"
source bench/stack.sh
start_stack "$state"
trap 'kill $stack_pid 2> /dev/null || true; wait 2> /dev/null || true' EXIT

cp="$(harness_classpath bench/notify/harness)"
machine
java -Xmx512m -Dvklad.devstack.service-jvm-options= -cp "$cp" ru.vklad.bench.notify.NotifyBench "$state" "$root" "$messages" 0 | grep RESULT
java -Xmx512m -Dvklad.devstack.service-jvm-options= -cp "$cp" ru.vklad.bench.notify.NotifyBench "$state" "$root" "$limited" 20 | grep RESULT
