#!/usr/bin/env bash
# Starts the whole Vklad system on this machine with its offline demo: real Kafka, PostgreSQL and Keycloak as
# local processes (everything comes from Maven Central), all five services, demo data sent through the real APIs.
# Needs only a JDK 17. Ctrl-C stops everything. Ports can be changed with VKLAD_*_PORT variables (see README).
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
echo "Building the services (tests skipped; ./mvnw verify runs them) ..."
./mvnw -B -q package -DskipTests
state="$root/target/devstack"
exec java -Xmx256m -XX:+UseSerialGC "-Dvklad.devstack.dir=$state" \
  -cp "devstack/target/classes:$(cat devstack/target/classes/devstack.classpath)" \
  ru.vklad.devstack.DevStack up "--project-dir=$root" "--state-dir=$state" "$@"
