#!/usr/bin/env bash
# Builds weft, records the bundled signup server (buggy variant) under the agent while a load
# generator drives it, and prints weft's report of the recording.
#   bash demo.sh            the buggy server
#   bash demo.sh --fixed    its fixed twin
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q -ntp package -DskipTests
mkdir -p target
recording=target/demo.jfr
rm -f "$recording"

echo "== running the signup server under weft (listener, work queue, 4 workers, H2) with a short load"
java -javaagent:agent/target/weft-agent.jar=filename="$recording",races=on -jar sample-apps/target/weft-sample-apps.jar "$@"

echo
echo "== weft analyze $recording"
set +e
java -jar cli/target/weft.jar analyze "$recording"
status=$?
set -e
echo
echo "(weft analyze exited with $status: 0 = nothing at or above the gate, 1 = findings, 2 = bad input)"
