#!/usr/bin/env bash
# What a JMX client costs the JVM it watches: target CPU and bytes the target's JMX ports sent, for an idle target
# alone, then JConsole, StreamScope headless and StreamScope's window, each polling at 1 s, one after the other, each
# against a fresh idle JVM started the same way (JDK JMX agent, no authentication, loopback).
# Needs: a JDK 17+ (java, jconsole), ss (iproute2), and apt-get install -y xvfb xdotool libgtk-3-0
# Usage: bench/target-cost.sh [WARMUP_SECONDS [MEASURED_SECONDS]]   (defaults 25 and 60; about 7 minutes in all)
# The warm-up starts once a client talks to the target. TARGET_COST_PORT picks the target's registry port (default
# 47301; the RMI port is the next one); TARGET_COST_DEBUG=1 prints each client's output after its run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

warmup=${1:-25}
measured=${2:-60}
registry_port=${TARGET_COST_PORT:-47301}
rmi_port=$((registry_port + 1)) # RMI exports the connector on a second port; pinned so that both are counted
work=$(mktemp -d)
export STREAMSCOPE_HOME="$work/settings" # a fresh settings folder: no recent connections, no remembered options

for tool in java jconsole ss xvfb-run xdotool; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "target-cost: no '$tool' on the PATH; install a JDK 17+, iproute2, and: apt-get install -y xvfb xdotool libgtk-3-0" >&2
        exit 1
    }
done
./streamscope --help >/dev/null # builds first if needed, outside the measured part

target_pid=""
client_pid=""
stop() {
    # each client and target runs in a process group of its own (setsid), so its children go with it
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
        bench/IdleTarget.java >"$work/target.log" 2>&1 &
    target_pid=$!
    for _ in $(seq 60); do
        grep -q "idle target ready" "$work/target.log" 2>/dev/null && return
        sleep 0.5
    done
    echo "target-cost: the idle target did not start; its output:" >&2
    cat "$work/target.log" >&2
    exit 1
}

# utime + stime of the target, in clock ticks (fields 14 and 15 of /proc/PID/stat; the name in field 2 has no spaces)
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$target_pid/stat"
}

# One line per connection of the target's JMX ports: "peer bytes_acked". Connections come and go (RMI closes idle
# ones after 15 s), so the measured window reads them every second and keeps each connection's first and last figure.
connection_bytes() {
    ss -tinH state established "( sport = :$registry_port or sport = :$rmi_port )" | awk '
        /^[0-9]/ { peer = $4 " " $3; next }
        { for (i = 1; i <= NF; i++) if ($i ~ /^bytes_acked:/) { split($i, kv, ":"); print peer, kv[2] } }'
}

# Whether a client talks JMX with the target: a connection to the RMI port that has carried a few kilobytes (a secure
# attempt that failed leaves one with a few hundred bytes). A script, so that the JConsole helper can run it too.
connected="$work/connected"
cat >"$connected" <<EOF
#!/usr/bin/env bash
ss -tinH state established "( sport = :$rmi_port )" |
    awk '{ for (i = 1; i <= NF; i++) if (\$i ~ /^bytes_acked:/ && substr(\$i, 13) + 0 > 4000) found = 1 }
         END { exit !found }'
EOF
chmod +x "$connected"

# Waits until the client is connected (a connection to the RMI port) and the warm-up is over, then measures for
# $measured seconds; prints "ticks bytes".
measure() {
    if [ "$1" != idle ]; then
        for _ in $(seq 120); do
            "$connected" && break
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
    # bytes per connection: its last figure minus its figure when the window opened (0 for one opened later)
    local bytes
    bytes=$(awk 'NR == FNR { first[$1 " " $2] = $3; next }
                 { last[$1 " " $2] = $3 }
                 END { for (c in last) total += last[c] - (c in first ? first[c] : 0); print total + 0 }' \
        "$first" "$last")
    echo "$((ticks_after - ticks_before)) $bytes"
}

start_jconsole() {
    setsid xvfb-run -a -s "-screen 0 1280x1024x24" bash -c '
        jconsole -interval=1 127.0.0.1:'"$registry_port"' &
        # Its "Secure connection failed" prompt needs one click on "Insecure connection", which sits at 363,202 in
        # its 900x750 window; click there until the connector talks
        for _ in $(seq 90); do
            sleep 1
            '"$connected"' && break
            window=$(xdotool search --name "Java Monitoring" 2>/dev/null | head -1) || continue
            [ -n "$window" ] && xdotool mousemove --window "$window" 363 202 click 1
        done
        wait' >"$work/client.log" 2>&1 &
    client_pid=$!
}

start_headless() {
    setsid ./streamscope --headless --jmx "127.0.0.1:$registry_port" --interval 1s \
        --duration "$((warmup + measured + 30))s" --out "$work/capture" --force >"$work/client.log" 2>&1 &
    client_pid=$!
}

start_window() {
    setsid xvfb-run -a -s "-screen 0 1440x960x24" \
        ./streamscope --jmx "127.0.0.1:$registry_port" --interval 1s >"$work/client.log" 2>&1 &
    client_pid=$!
}

# Runs one client against a fresh target; prints "ticks bytes" for the measured window.
run() {
    start_target
    [ "$1" = idle ] || "start_$1"
    measure "$1"
    [ -z "${TARGET_COST_DEBUG:-}" ] || { echo "--- $1" ; cat "$work/client.log" 2>/dev/null || true; } >&2
    stop
}

echo "target-cost: ${warmup} s warm-up, ${measured} s measured per client; target CPU in ticks of 1/$(getconf CLK_TCK) s" >&2
clients="idle jconsole headless window"
for client in $clients; do
    run "$client" >"$work/$client.result" # not in a subshell: the EXIT trap must see the pids to stop
done

# One line per client: CPU above the idle target's and bytes sent, each also as a ratio to JConsole's.
for client in $clients; do
    echo "$client $(cat "$work/$client.result")"
done | awk -v measured="$measured" '
    { name[NR] = $1; ticks[$1] = $2; bytes[$1] = $3 }
    END {
        printf "%-22s %4.0f ticks/min                      %6.2f KB/s sent\n", "idle target", ticks["idle"] * 60 / measured,
            bytes["idle"] / measured / 1000
        cpu_jconsole = (ticks["jconsole"] - ticks["idle"]) * 60 / measured
        for (i = 2; i <= NR; i++) {
            c = name[i]
            cpu = (ticks[c] - ticks["idle"]) * 60 / measured
            printf "%-22s %4.0f ticks/min above idle (%.2fx)  %6.2f KB/s sent (%.2fx)\n", c, cpu,
                (cpu_jconsole > 0 ? cpu / cpu_jconsole : 0), bytes[c] / measured / 1000,
                (bytes["jconsole"] > 0 ? bytes[c] / bytes["jconsole"] : 0)
        }
    }'
