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
rm -rf "$state" && mkdir -p "$state"
java -Xmx256m -XX:+UseSerialGC "-Dvklad.devstack.dir=$state" \
  -cp "devstack/target/classes:$(cat devstack/target/classes/devstack.classpath)" \
  ru.vklad.devstack.DevStack infra --ephemeral-ports "--state-dir=$state" "--owner-pid=$$" > "$state/supervisor.log" 2>&1 &
supervisor=$!
trap 'kill $supervisor 2> /dev/null || true; wait 2> /dev/null || true' EXIT
for _ in $(seq 1 300); do [ -f "$state/state.properties" ] && break; sleep 1; done

cp="bench/notify/harness/target/classes:events/target/classes:devstack/target/classes:$(cat devstack/target/classes/devstack.classpath)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
java -Xmx512m -cp "$cp" ru.vklad.bench.notify.NotifyBench "$state" "$root" "$messages" 0 | grep RESULT
java -Xmx512m -cp "$cp" ru.vklad.bench.notify.NotifyBench "$state" "$root" "$limited" 20 | grep RESULT
