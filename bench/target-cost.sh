#!/usr/bin/env bash
# What a JMX client costs the JVM it watches, minute by minute: the target's CPU ticks and the bytes its JMX ports sent
# in each minute after the client connected, for an idle target alone, then JConsole, StreamScope headless and
# StreamScope's window, each polling at 1 s, each against a fresh idle JVM (JDK JMX agent, no authentication, loopback),
# with the JDK's default heap and with -Xmx256m. The jolokia case is StreamScope headless over HTTP through the Jolokia
# agent (its target also loads the agent; its HTTP port's bytes are counted with the JMX ports').
# Needs: a JDK 17+ (java, jconsole), ss (iproute2), and apt-get install -y xvfb xdotool libgtk-3-0; the jolokia case
# the agent jar (org.jolokia:jolokia-agent-jvm:2.1.1:javaagent, in ~/.m2 after ./mvnw test-compile, or JOLOKIA_AGENT).
# Usage: bench/target-cost.sh [--minutes 6] [--heaps default,256m] [--clients idle,jconsole,headless,window,jolokia]
#                             [--parallel] [--warmup 0]
#   --minutes   minutes measured per client, from the moment it talks to the target (minute 1 includes connecting)
#   --heaps     the targets' heap settings: "default" (no -Xmx, as most services in containers run) or a size for -Xmx
#   --clients   which client cases to run; idle is the baseline the others are compared with (above its CPU); before
#               is StreamScope headless from the build in TARGET_COST_BEFORE, for a before/after in one run, and
#               jolokia_before the same over Jolokia
#   --parallel  run the cases of one heap setting at the same time, each with its own target and ports: the figures
#               then share the machine's load, and a full run takes ~2 × (minutes + 1) instead of ~8 × (minutes + 1)
#   --warmup    seconds to wait after the client connected before minute 1 starts
# Environment: TARGET_COST_PORT (the first case's registry port, default 47301; each case takes the next two ports,
# and the jolokia case the port 1000 above its registry port),
# TARGET_COST_STREAMSCOPE (the StreamScope command, default ./streamscope: point it at another build to compare),
# TARGET_COST_BEFORE (the StreamScope command of the "before" case, e.g. a checkout of main built in another folder),
# TARGET_COST_DEBUG=1 (prints each client's output after its run), TARGET_COST_KEEP=DIR (keeps the raw figures there).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=6
heaps="default,256m"
clients="idle,jconsole,headless,window,jolokia"
parallel=""
warmup=0
while [ $# -gt 0 ]; do
    case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --heaps) heaps=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --parallel) parallel=1; shift ;;
    --warmup) warmup=$2; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 64 ;;
    esac
done
heaps=${heaps//,/ }
clients=${clients//,/ }
first_port=${TARGET_COST_PORT:-47301}
streamscope=${TARGET_COST_STREAMSCOPE:-./streamscope}
work=$(mktemp -d)
export STREAMSCOPE_HOME="$work/settings" # a fresh settings folder: no recent connections, no remembered options

for tool in java jconsole ss xvfb-run xdotool; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "target-cost: no '$tool' on the PATH; install a JDK 17+, iproute2, and: apt-get install -y xvfb xdotool libgtk-3-0" >&2
        exit 1
    }
done
$streamscope --help >/dev/null # builds first if needed, outside the measured part
before=${TARGET_COST_BEFORE:-}
if [[ " ${clients//,/ } " == *" before "* || " ${clients//,/ } " == *" jolokia_before "* ]]; then
    [ -n "$before" ] || {
        echo "target-cost: the before case needs TARGET_COST_BEFORE, the streamscope command of the build to compare" >&2
        exit 64
    }
    $before --help >/dev/null
fi

# Every target and client runs in a process group of its own (setsid), so its children go with it; their leaders are
# listed here, so that the EXIT trap stops them even when a case runs in the background.
pids="$work/pids"
: >"$pids"
stop_all() {
    while read -r pid; do
        kill -- "-$pid" 2>/dev/null || true
    done <"$pids"
}
trap 'stop_all; [ -z "${TARGET_COST_KEEP:-}" ] || cp -r "$work" "$TARGET_COST_KEEP"; rm -rf "$work"' EXIT

# ---- client cases: start_NAME starts one against $registry_port and sets client_pid; target_options_NAME (optional)
# ---- prints extra JVM options for its target; connected_NAME (optional) says whether it talks to the target yet.

start_jconsole() {
    setsid xvfb-run -a -s "-screen 0 1280x1024x24" bash -c '
        jconsole -interval=1 127.0.0.1:'"$registry_port"' &
        # Its "Secure connection failed" prompt needs one click on "Insecure connection", which sits at 363,202 in
        # its 900x750 window; click there until the connector talks
        for _ in $(seq 90); do
            sleep 1
            '"$work/connected $rmi_port"' && break
            window=$(xdotool search --name "Java Monitoring" 2>/dev/null | head -1) || continue
            [ -n "$window" ] && xdotool mousemove --window "$window" 363 202 click 1
        done
        wait' >"$case_dir/client.log" 2>&1 &
    client_pid=$!
}

start_headless() {
    setsid $streamscope --headless --jmx "127.0.0.1:$registry_port" --interval 1s \
        --duration "$((warmup + minutes * 60 + 150))s" --out "$case_dir/capture" --force >"$case_dir/client.log" 2>&1 &
    client_pid=$!
}

# StreamScope headless from the build in TARGET_COST_BEFORE (bash's dynamic scope hands it to start_headless)
start_before() {
    local streamscope=$before
    start_headless
}

start_window() {
    setsid xvfb-run -a -s "-screen 0 1440x960x24" \
        $streamscope --jmx "127.0.0.1:$registry_port" --interval 1s >"$case_dir/client.log" 2>&1 &
    client_pid=$!
}

# Over HTTP: the Jolokia JVM agent in the target, on a port of its own; StreamScope headless reads it with bulk requests
jolokia_agent=${JOLOKIA_AGENT:-$HOME/.m2/repository/org/jolokia/jolokia-agent-jvm/2.1.1/jolokia-agent-jvm-2.1.1-javaagent.jar}
target_options_jolokia() {
    [ -f "$jolokia_agent" ] || {
        echo "target-cost: no Jolokia agent at $jolokia_agent; run ./mvnw -pl app test-compile or set JOLOKIA_AGENT" >&2
        exit 1
    }
    echo "-javaagent:$jolokia_agent=host=127.0.0.1,port=$((registry_port + 1000))"
}

start_jolokia() {
    setsid $streamscope --headless --jolokia "http://127.0.0.1:$((registry_port + 1000))/jolokia/" --interval 1s \
        --duration "$((warmup + minutes * 60 + 150))s" --out "$case_dir/capture" --force >"$case_dir/client.log" 2>&1 &
    client_pid=$!
}

connected_jolokia() {
    "$work/connected" "$((registry_port + 1000))"
}

# Over Jolokia from the build in TARGET_COST_BEFORE
target_options_jolokia_before() {
    target_options_jolokia
}

start_jolokia_before() {
    local streamscope=$before
    start_jolokia
}

connected_jolokia_before() {
    connected_jolokia
}

# ---- measuring

# Whether a client talks JMX with the target: a connection to the RMI port that has carried a few kilobytes (a secure
# attempt that failed leaves one with a few hundred bytes). A script, so that the JConsole helper can run it too.
cat >"$work/connected" <<'EOF'
#!/usr/bin/env bash
ss -tinH state established "( sport = :$1 )" |
    awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^bytes_acked:/ && substr($i, 13) + 0 > 4000) found = 1 }
         END { exit !found }'
EOF
chmod +x "$work/connected"

# utime + stime of the target, in clock ticks (fields 14 and 15 of /proc/PID/stat; the name in field 2 has no spaces)
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$target_java/stat"
}

# One line per connection of the target's JMX ports (and its Jolokia port, if any), "MINUTE peer bytes_acked"
connection_bytes() {
    ss -tinH state established "( sport = :$registry_port or sport = :$rmi_port or sport = :$((registry_port + 1000)) )" | awk -v minute="$1" '
        /^[0-9]/ { peer = $4 "-" $3; next }
        { for (i = 1; i <= NF; i++) if ($i ~ /^bytes_acked:/) { split($i, kv, ":"); print minute, peer, kv[2] } }'
}

# One case: a fresh target with heap setting $1, client $2 (or idle), ports from $3. Writes "minute ticks bytes" per
# minute into $case_dir/result. Connections come and go (RMI closes idle ones after 15 s), so the connections are read
# every second; a connection's bytes in a minute are its growth since its previous figure (0 for a new one).
run_case() {
    local heap=$1 client=$2
    registry_port=$3
    rmi_port=$((registry_port + 1)) # RMI exports the connector on a second port; pinned so that both are counted
    case_dir="$work/$heap-$client"
    mkdir -p "$case_dir"
    local heap_option=() extra=()
    [ "$heap" = default ] || heap_option=("-Xmx$heap")
    if declare -F "target_options_$client" >/dev/null; then
        read -r -a extra <<<"$("target_options_$client")"
    fi
    setsid java "${heap_option[@]}" "${extra[@]}" \
        -Dcom.sun.management.jmxremote.port="$registry_port" \
        -Dcom.sun.management.jmxremote.rmi.port="$rmi_port" \
        -Dcom.sun.management.jmxremote.authenticate=false \
        -Dcom.sun.management.jmxremote.ssl=false \
        -Djava.rmi.server.hostname=127.0.0.1 \
        bench/IdleTarget.java >"$case_dir/target.log" 2>&1 &
    local target_pid=$!
    echo "$target_pid" >>"$pids"
    for _ in $(seq 120); do
        grep -q "idle target ready" "$case_dir/target.log" 2>/dev/null && break
        sleep 0.5
    done
    # the source launcher runs the target in the java process itself; its pid is what the target prints
    target_java=$(sed -n 's/^idle target ready, pid //p' "$case_dir/target.log")
    if [ -z "$target_java" ]; then
        echo "target-cost: the idle target ($heap) did not start; its output:" >&2
        cat "$case_dir/target.log" >&2
        exit 1
    fi
    if [ "$client" != idle ]; then
        "start_$client"
        echo "$client_pid" >>"$pids"
        local connected="$work/connected $rmi_port"
        declare -F "connected_$client" >/dev/null && connected="connected_$client"
        local waited=0
        until $connected; do
            waited=$((waited + 1))
            if [ "$waited" -gt 180 ]; then
                echo "target-cost: $client never talked to the $heap target in 3 minutes; its output:" >&2
                cat "$case_dir/client.log" >&2
                exit 1
            fi
            sleep 1
        done
    fi
    sleep "$warmup"
    local samples="$case_dir/bytes" ticks="$case_dir/ticks"
    connection_bytes 0 >"$samples"
    echo "0 $(cpu_ticks) $EPOCHREALTIME" >"$ticks"
    local start=$EPOCHREALTIME minute
    for minute in $(seq "$minutes"); do
        local boundary
        boundary=$(awk -v s="$start" -v m="$minute" 'BEGIN { printf "%.3f", s + 60 * m }')
        while awk -v b="$boundary" -v now="$EPOCHREALTIME" 'BEGIN { exit !(now < b - 1) }'; do
            connection_bytes "$minute" >>"$samples"
            sleep 1
        done
        sleep "$(awk -v b="$boundary" -v now="$EPOCHREALTIME" 'BEGIN { d = b - now; printf "%.3f", (d > 0 ? d : 0) }')"
        echo "$minute $(cpu_ticks) $EPOCHREALTIME" >>"$ticks"
        connection_bytes "$minute" >>"$samples"
    done
    # per minute: ticks scaled to exactly 60 s, and the bytes each connection grew by
    awk 'NR == FNR { if (FNR > 1) { t[$1] = ($2 - prev) * 60 / ($3 - at) } prev = $2; at = $3; last = $1; next }
         { if (!($2 in seen)) { seen[$2] = $3; if ($1 > 0) bytes[$1] += $3 } else { bytes[$1] += $3 - seen[$2]; seen[$2] = $3 } }
         END { for (m = 1; m <= last; m++) printf "%d %.1f %d\n", m, t[m], bytes[m] }' \
        "$ticks" "$samples" >"$case_dir/result"
    [ -z "${TARGET_COST_DEBUG:-}" ] || { echo "--- $heap $client"; cat "$case_dir/client.log" 2>/dev/null || true; } >&2
    [ "$client" = idle ] || kill -- "-$client_pid" 2>/dev/null || true
    kill -- "-$target_pid" 2>/dev/null || true
}

# ---- the run

mode=$([ -n "$parallel" ] && echo "at the same time" || echo "one after the other")
echo "target-cost: $minutes minutes per client ($mode), heaps: $heaps; target CPU in ticks of 1/$(getconf CLK_TCK) s" >&2
port=$first_port
for heap in $heaps; do
    for client in $clients; do
        if [ -n "$parallel" ]; then
            run_case "$heap" "$client" "$port" &
            sleep 5 # xvfb-run -a picks its display by looking: two at once may pick the same
        else
            run_case "$heap" "$client" "$port"
        fi
        port=$((port + 2))
    done
    wait
done

# One table per heap setting: ticks per minute, then each client's CPU above the idle target's as a ratio to JConsole's
# above idle, then KB the target sent per minute with the same ratio.
for heap in $heaps; do
    echo
    echo "heap $heap: target CPU (ticks/min), then above idle as a ratio to JConsole's; KB sent/min and ratio"
    for client in $clients; do
        awk -v c="$client" '{ printf "%s %s %s %s\n", c, $1, $2, $3 }' "$work/$heap-$client/result"
    done | awk -v minutes="$minutes" '
        { name[$1] = 1; order[$1] = order[$1] ? order[$1] : ++n; list[order[$1]] = $1; ticks[$1, $2] = $3; kb[$1, $2] = $4 / 1000 }
        END {
            printf "%-16s", "minute"; for (m = 1; m <= minutes; m++) printf "%8d", m; printf "\n"
            for (i = 1; i <= n; i++) { c = list[i]; printf "%-16s", c " CPU"; for (m = 1; m <= minutes; m++) printf "%8.0f", ticks[c, m]; printf "\n" }
            if (("jconsole", 1) in ticks) for (i = 1; i <= n; i++) {
                c = list[i]; if (c == "idle" || c == "jconsole") continue
                printf "%-16s", c " ×JC"
                for (m = 1; m <= minutes; m++) {
                    idle = (("idle", m) in ticks) ? ticks["idle", m] : 0; jc = ticks["jconsole", m] - idle
                    printf "%8s", (jc > 0 ? sprintf("%.2f", (ticks[c, m] - idle) / jc) : "-")
                }
                printf "\n"
            }
            for (i = 1; i <= n; i++) { c = list[i]; if (c == "idle") continue; printf "%-16s", c " KB"; for (m = 1; m <= minutes; m++) printf "%8.1f", kb[c, m]; printf "\n" }
            if (("jconsole", 1) in kb) for (i = 1; i <= n; i++) {
                c = list[i]; if (c == "idle" || c == "jconsole") continue
                printf "%-16s", c " KB ×JC"
                for (m = 1; m <= minutes; m++) printf "%8s", (kb["jconsole", m] > 0 ? sprintf("%.2f", kb[c, m] / kb["jconsole", m]) : "-")
                printf "\n"
            }
        }'
done
