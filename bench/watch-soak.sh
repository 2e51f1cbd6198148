#!/usr/bin/env bash
# How much heap a long --watch holds: watches the demo target (leaking from the start, the worst case the demo has)
# with a small --keep for MINUTES, and once a minute forces a full GC in the watching JVM (jcmd GC.run) and prints
# the heap it still uses (jcmd GC.heap_info), the incident folders written and their size. Ends the watch with
# SIGTERM, as a service manager would, and prints its exit status.
# Needs: a JDK 17+ (java, jcmd).
# Usage: bench/watch-soak.sh [MINUTES [KEEP]]   (defaults 10 and 2m; --keep must be at least --after, 30s here)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=${1:-10}
keep=${2:-2m}
work=$(mktemp -d)
export STREAMSCOPE_HOME="$work/settings"

command -v jcmd >/dev/null 2>&1 || {
    echo "watch-soak: no 'jcmd' on the PATH; install a JDK 17+" >&2
    exit 1
}
./streamscope --help >/dev/null # builds first if needed, outside the measured part

watch_pid=""
stop() {
    [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null && wait "$watch_pid" 2>/dev/null || true
    watch_pid=""
}
trap 'stop; rm -rf "$work"' EXIT

./streamscope --headless --watch --demo --keep "$keep" --after 30s --trend-window 30s --interval 1s \
    --out "$work/watch" >"$work/stdout.txt" 2>"$work/stderr.txt" &
watch_pid=$! # the launcher execs java: this is the watching JVM

used_mib() {
    jcmd "$watch_pid" GC.run >/dev/null
    jcmd "$watch_pid" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1 | awk '{printf "%.1f", $1 / 1024}'
}

echo "watch-soak: watching the demo for $minutes min with --keep $keep (pid $watch_pid)"
echo "minute,heap_used_after_full_gc_mib,incident_folders,incident_mib"
for minute in $(seq 1 "$minutes"); do
    sleep 60
    kill -0 "$watch_pid" 2>/dev/null || {
        echo "watch-soak: the watch ended early:" >&2
        cat "$work/stdout.txt" "$work/stderr.txt" >&2
        exit 1
    }
    incidents=$(find "$work/watch" -maxdepth 1 -type d -name 'incident-*' | wc -l)
    incident_mib=$(du -sk "$work/watch" --exclude='watch-end-*' 2>/dev/null | awk '{printf "%.1f", $1 / 1024}')
    echo "$minute,$(used_mib),$incidents,$incident_mib"
done
kill -TERM "$watch_pid"
status=0
wait "$watch_pid" || status=$?
watch_pid=""
echo "watch-soak: SIGTERM; exit status $status; $(grep -c '"event":"incident"' "$work/watch/watch.log" || true) incidents in watch.log"
tail -2 "$work/stdout.txt"
