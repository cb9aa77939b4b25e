#!/usr/bin/env bash
# NineLives load benchmarks, on 127.0.0.1 only. See docs/performance.md.
#
#   ninelives-bench/load.sh [--quick] [options]   direct, nginx, Portkey and NineLives in one run
#                                                 (~15 min; --quick ~5 min); writes
#                                                 ninelives-bench/target/load-results.{md,json}
#   ninelives-bench/load.sh streams [--streams N] NineLives holding N open streams (default 10000):
#                                                 RSS; writes target/streams-results.md
#   ninelives-bench/load.sh soak [--minutes M]    NineLives at a steady rate for M minutes
#                                                 (default 30): RSS over time; target/soak-results.md
#   ninelives-bench/load.sh profile               a flight recording of NineLives at saturation,
#                                                 JSON and streams: target/profile-results.md
#
# Installs what it needs when missing: nginx and wrk (Debian packages, through apt-get), the
# Portkey gateway (npm, into ninelives-bench/target/peers/portkey), and builds the gateway and
# this module. Set NINELIVES_BENCH_BUILD=0 to use the jars already built.
# Environment: CLIENT_CPU (default 0) and SUT_CPU (default 1) choose the cores;
# NINELIVES_JAVA_OPTS are passed to the gateway's JVM; JAVA_BIN picks the java that runs it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="$here/target"
client_cpu="${CLIENT_CPU:-0}"
sut_cpu="${SUT_CPU:-1}"
java_bin="${JAVA_BIN:-java}"
portkey_version="1.15.2"
# Portkey 1.15.2 streams only with @hono/node-server 1.13.8: later versions wrap the upstream's
# immutable headers, and Portkey's streaming path then fails with a 500 when it adds its own.
hono_version="1.13.8"

command_name=load
case "${1:-}" in
  streams|soak|profile) command_name="$1"; shift ;;
esac

if [ "$(nproc --all)" -lt 2 ]; then
  echo "load.sh: needs at least 2 CPUs (one for the system under test, one for the load)" >&2
  exit 1
fi

# ---------------------------------------------------------------- tools
need_apt=()
command -v taskset >/dev/null 2>&1 || need_apt+=(util-linux)
if [ "$command_name" = load ] || [ "$command_name" = profile ]; then
  command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
fi
if [ "$command_name" = load ]; then
  command -v nginx >/dev/null 2>&1 || need_apt+=(nginx-light)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "load.sh: installing ${need_apt[*]} (apt-get)" >&2
  timeout 300 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "$command_name" = load ]; then
  portkey="$target/peers/portkey"
  if ! command -v npm >/dev/null 2>&1; then
    echo "load.sh: npm not found; Portkey will be reported as not started" >&2
  elif [ ! -f "$portkey/node_modules/@portkey-ai/gateway/build/start-server.js" ] \
      || ! grep -q "\"version\": \"$hono_version\"" "$portkey/node_modules/@hono/node-server/package.json" 2>/dev/null; then
    echo "load.sh: installing @portkey-ai/gateway $portkey_version (npm)" >&2
    mkdir -p "$portkey"
    cat > "$portkey/package.json" <<EOF
{
  "name": "ninelives-bench-portkey",
  "private": true,
  "dependencies": {
    "@portkey-ai/gateway": "$portkey_version",
    "@hono/node-server": "$hono_version"
  },
  "overrides": {
    "@hono/node-server": "$hono_version"
  }
}
EOF
    rm -rf "$portkey/node_modules" "$portkey/package-lock.json"
    (cd "$portkey" && timeout 600 npm install --no-audit --no-fund --loglevel=error)
  fi
fi

# ---------------------------------------------------------------- build
if [ "${NINELIVES_BENCH_BUILD:-1}" = 1 ]; then
  echo "load.sh: building the gateway and the benchmarks" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl ninelives-cli,ninelives-bench -am package)
fi
bench_jar="$target/benchmarks.jar"
[ -f "$bench_jar" ] || { echo "load.sh: $bench_jar missing; build ninelives-bench" >&2; exit 1; }
[ -f "$root/ninelives-cli/target/ninelives.jar" ] || {
  echo "load.sh: ninelives-cli/target/ninelives.jar missing; build ninelives-cli" >&2; exit 1; }

# The gateway runs from a copy, so a rebuild during the run cannot swap jars under it.
gateway="$target/load-gateway"
rm -rf "$gateway"
mkdir -p "$gateway"
cp -p "$root/ninelives-cli/target/ninelives.jar" "$gateway/"
cp -rp "$root/ninelives-cli/target/lib" "$gateway/lib"

case "$command_name" in
  load) main=dev.ninelives.bench.load.LoadBench ;;
  streams) main=dev.ninelives.bench.load.StreamScale ;;
  soak) main=dev.ninelives.bench.load.Soak ;;
  profile) main=dev.ninelives.bench.load.Profile ;;
esac

# The harness (load generator, probes) and the mock upstream share CLIENT_CPU; each system
# under test gets SUT_CPU to itself. A fixed heap and the serial collector keep the harness's
# own pauses short and its footprint off the measured core.
cd "$root"
exec taskset -c "$client_cpu" "$java_bin" -XX:+UseSerialGC -Xms512m -Xmx512m -cp "$bench_jar" "$main" \
  --client-cpu "$client_cpu" --sut-cpu "$sut_cpu" --java "$java_bin" \
  --java-opts "${NINELIVES_JAVA_OPTS:-}" --ninelives-jar "$gateway/ninelives.jar" \
  --out "$target" "$@"
