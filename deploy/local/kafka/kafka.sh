#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft) in the foreground, without Docker: Java 17+ and
# Maven are all it needs. Prints KAFKA_BROKERS=127.0.0.1:PORT; Ctrl-C stops it.
#
#   deploy/local/kafka/kafka.sh [--port 9092] [--controller-port 9093] [--data-dir DIR] [--heap 512m] [--fresh]
#
# Data (topics, offsets) persist in DIR (default: <repo>/.data/kafka) across runs; --fresh wipes it first.
# Shares pom.xml, server.properties.template, log4j.properties and the lib/ cache (lib/.stamp = sha256 of
# pom.xml) with libs/testing/src/kafka/local-kafka.ts.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
PORT=9092
CONTROLLER_PORT=9093
DATA_DIR="$ROOT/.data/kafka"
HEAP=512m
FRESH=0

while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --controller-port) CONTROLLER_PORT="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
command -v "$JAVA" >/dev/null || { echo "java not found (install a JDK 17+ or set JAVA_HOME)" >&2; exit 1; }

# 1. Jars: fetched with Maven once per pom.xml version. Same mkdir lock as local-kafka.ts.
LIB="$HERE/lib"
HASH="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
if [ "$(cat "$LIB/.stamp" 2>/dev/null || true)" != "$HASH" ]; then
  mkdir -p "$LIB"
  until mkdir "$LIB/.lock" 2>/dev/null; do
    owner="$(cat "$LIB/.lock/pid" 2>/dev/null || echo 0)"
    if [ "$owner" != 0 ] && ! kill -0 "$owner" 2>/dev/null; then rm -rf "$LIB/.lock"; continue; fi
    sleep 0.5
  done
  echo $$ > "$LIB/.lock/pid"
  trap 'rm -rf "$LIB/.lock"' EXIT
  if [ "$(cat "$LIB/.stamp" 2>/dev/null || true)" != "$HASH" ]; then
    command -v mvn >/dev/null || { echo "mvn not found: Maven is needed once to fetch the Kafka jars" >&2; exit 1; }
    echo "Fetching Kafka jars with Maven into $LIB ..." >&2
    rm -f "$LIB"/*.jar "$LIB/.stamp"
    mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB"
    echo "$HASH" > "$LIB/.stamp"
  fi
  rm -rf "$LIB/.lock"
  trap - EXIT
fi

# 2. Config and storage (formatted once; a kept data dir restarts the same cluster).
[ "$FRESH" = 1 ] && rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
CONFIG="$DATA_DIR/server.properties"
sed -e "s|@PORT@|$PORT|g" -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" -e "s|@DATA_DIR@|$DATA_DIR|g" \
  "$HERE/server.properties.template" > "$CONFIG"
LOG4J="-Dlog4j.configuration=file:$HERE/log4j.properties"
if [ ! -f "$DATA_DIR/logs/meta.properties" ]; then
  CLUSTER_ID=-
  while [ "${CLUSTER_ID#-}" != "$CLUSTER_ID" ]; do # an id starting with '-' would read as an option
    CLUSTER_ID="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  "$JAVA" "$LOG4J" -cp "$LIB/*" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$CONFIG" >&2
fi

# 3. The broker, in the foreground (exec: Ctrl-C / SIGTERM reach Kafka directly and it shuts down cleanly).
echo "KAFKA_BROKERS=127.0.0.1:$PORT"
echo "data: $DATA_DIR (Ctrl-C to stop)" >&2
exec "$JAVA" "-Xmx$HEAP" -Xss1m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true "$LOG4J" -cp "$LIB/*" kafka.Kafka "$CONFIG"
