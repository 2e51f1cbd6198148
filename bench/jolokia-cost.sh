#!/usr/bin/env bash
# What StreamScope costs the JVM it watches over Jolokia (HTTP) against over JMX (RMI), both polling at 1 s in one run:
# target CPU and the bytes the target's ports sent, for an idle target alone, then `--headless --jolokia` and
# `--headless --jmx`, one after the other, each against a fresh idle JVM started the same way: the JDK's JMX agent and
# the Jolokia JVM agent both loaded (no authentication, loopback), so that the idle line carries both agents.
# Kept apart from bench/target-cost.sh (JConsole and the window against RMI) and measured the same way.
# Needs: a JDK 17+, ss (iproute2), and the Jolokia agent jar (org.jolokia:jolokia-agent-jvm:2.1.1:javaagent), found in
# the local Maven repository after `./mvnw -pl app test-compile` or given as JOLOKIA_AGENT=/path/to.jar.
# Usage: bench/jolokia-cost.sh [WARMUP_SECONDS [MEASURED_SECONDS]]   (defaults 25 and 60; about 5 minutes in all)
# JOLOKIA_COST_PORT picks the registry port (default 47311; RMI the next, Jolokia the one after).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

warmup=${1:-25}
measured=${2:-60}
registry_port=${JOLOKIA_COST_PORT:-47311}
rmi_port=$((registry_port + 1))
jolokia_port=$((registry_port + 2))
agent=${JOLOKIA_AGENT:-$HOME/.m2/repository/org/jolokia/jolokia-agent-jvm/2.1.1/jolokia-agent-jvm-2.1.1-javaagent.jar}
work=$(mktemp -d)
export STREAMSCOPE_HOME="$work/settings"

for tool in java ss; do
    command -v "$tool" >/dev/null 2>&1 || { echo "jolokia-cost: no '$tool' on the PATH; install a JDK 17+ and iproute2" >&2; exit 1; }
done
[ -f "$agent" ] || { echo "jolokia-cost: no Jolokia agent at $agent; run ./mvnw -pl app test-compile or set JOLOKIA_AGENT" >&2; exit 1; }
./streamscope --help >/dev/null # builds first if needed, outside the measured part

target_pid=""
client_pid=""
stop() {
    [ -n "$client_pid" ] && kill -- "-$client_pid" 2>/dev/null && wait "$client_pid" 2>/dev/null || true
    [ -n "$target_pid" ] && kill -- "-$target_pid" 2>/dev/null && wait "$target_pid" 2>/dev/null || true
    client_pid=""
    target_pid=""
}
trap 'stop; rm -rf "$work"' EXIT

start_target() {
    setsid java -Xmx256m \
        -Dcom.sun.management.jmxremote.port="$registry_port" \
        -Dcom.sun.management.jmxremote.rmi.port="$rmi_port" \
        -Dcom.sun.management.jmxremote.authenticate=false \
        -Dcom.sun.management.jmxremote.ssl=false \
        -Djava.rmi.server.hostname=127.0.0.1 \
        "-javaagent:$agent=host=127.0.0.1,port=$jolokia_port" \
        bench/IdleTarget.java >"$work/target.log" 2>&1 &
    target_pid=$!
    for _ in $(seq 60); do
        grep -q "idle target ready" "$work/target.log" 2>/dev/null && return
        sleep 0.5
    done
    echo "jolokia-cost: the idle target did not start; its output:" >&2
    cat "$work/target.log" >&2
    exit 1
}

cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$target_pid/stat"
}

# "peer bytes_acked" per established connection of the target's JMX and Jolokia ports (bytes the target sent)
connection_bytes() {
    ss -tinH state established "( sport = :$registry_port or sport = :$rmi_port or sport = :$jolokia_port )" | awk '
        /^[0-9]/ { peer = $4 " " $3; next }
        { for (i = 1; i <= NF; i++) if ($i ~ /^bytes_acked:/) { split($i, kv, ":"); print peer, kv[2] } }'
}

# Whether the client talks with the target: a connection to the port it uses that has carried a few kilobytes
connected() {
    ss -tinH state established "( sport = :$1 )" |
        awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^bytes_acked:/ && substr($i, 13) + 0 > 4000) found = 1 }
             END { exit !found }'
}

measure() {
    case "$1" in
        jolokia) port=$jolokia_port ;;
        jmx) port=$rmi_port ;;
        *) port="" ;;
    esac
    if [ -n "$port" ]; then
        for _ in $(seq 120); do
            connected "$port" && break
            sleep 1
        done
    fi
    sleep "$warmup"
    local first="$work/first" last="$work/last"
    connection_bytes >"$first"
    : >"$last"
    local ticks_before
    ticks_before=$(cpu_ticks)
    local end=$((SECONDS + measured))
    while [ "$SECONDS" -lt "$end" ]; do
        connection_bytes >>"$last"
        sleep 1
    done
    local ticks_after
    ticks_after=$(cpu_ticks)
    connection_bytes >>"$last"
    local bytes
    bytes=$(awk 'NR == FNR { first[$1 " " $2] = $3; next }
                 { last[$1 " " $2] = $3 }
                 END { for (c in last) total += last[c] - (c in first ? first[c] : 0); print total + 0 }' \
        "$first" "$last")
    echo "$((ticks_after - ticks_before)) $bytes"
}

start_client() {
    local how=$1 address
    if [ "$how" = jolokia ]; then address="http://127.0.0.1:$jolokia_port/jolokia/"; else address="127.0.0.1:$registry_port"; fi
    setsid ./streamscope --headless "--$how" "$address" --interval 1s \
        --duration "$((warmup + measured + 30))s" --out "$work/capture-$how" --force >"$work/client.log" 2>&1 &
    client_pid=$!
}

run() {
    start_target
    [ "$1" = idle ] || start_client "$1"
    measure "$1"
    [ -z "${JOLOKIA_COST_DEBUG:-}" ] || { echo "--- $1"; cat "$work/client.log" 2>/dev/null || true; } >&2
    stop
}

echo "jolokia-cost: ${warmup} s warm-up, ${measured} s measured per client; target CPU in ticks of 1/$(getconf CLK_TCK) s" >&2
clients="idle jolokia jmx"
for client in $clients; do
    run "$client" >"$work/$client.result"
done

for client in $clients; do
    echo "$client $(cat "$work/$client.result")"
done | awk -v measured="$measured" '
    { ticks[$1] = $2; bytes[$1] = $3 }
    END {
        printf "%-28s %4.0f ticks/min            %7.2f KB/s sent\n", "idle target (both agents)",
            ticks["idle"] * 60 / measured, bytes["idle"] / measured / 1000
        split("jolokia jmx", names, " ")
        for (i = 1; i <= 2; i++) {
            c = names[i]
            printf "%-28s %4.0f ticks/min above idle  %7.2f KB/s sent\n", "headless --" c " at 1 s",
                (ticks[c] - ticks["idle"]) * 60 / measured, bytes[c] / measured / 1000
        }
    }'
