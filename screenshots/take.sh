#!/usr/bin/env bash
# Retakes the screenshots of the README and docs/ from a real run of ./streamscope against the demo target, in a
# virtual display.
# Needs: apt-get install -y xvfb libgtk-3-0 imagemagick xdotool
# Usage: screenshots/take.sh   (from the repository root; takes about three minutes: one run per look)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=screenshots
./streamscope --help >/dev/null           # builds first if needed, outside the timed part

# shoot LOOK SUFFIX: one run in the light or dark look, writing dashboard$SUFFIX.png, streams…, channelz… and histogram…
shoot() {
    export STREAMSCOPE_HOME="$(mktemp -d)"   # a fresh settings folder: the defaults, but the look named
    echo "theme=$1" > "$STREAMSCOPE_HOME/settings.properties"
    export suffix="$2"
    xvfb-run -a -s "-screen 0 1440x960x24" bash -c '
        ./streamscope --interval 1s --lifetime 30s > /tmp/streamscope-screenshots.log 2>&1 &
        app=$!
        sleep 75                                    # the demo leaks for a while: the charts have a story to tell
        window=$(xdotool search --name "^StreamScope$" | head -1)
        xdotool windowsize "$window" 1440 960 windowmove "$window" 0 0
        sleep 3
        import -window root '"$out"'/dashboard$suffix.png
        xdotool mousemove 127 161 click 1 sleep 1 click 1        # the target tab'"'"'s "Streams" view
        sleep 3
        import -window root '"$out"'/streams$suffix.png
        xdotool mousemove 211 161 click 1          # the "Channelz" view
        sleep 3
        xdotool mousemove 120 428 click 1          # the server row: open it and select a connection,
        xdotool key Right Down Down Down           # so the details pane shows a socket

        sleep 2
        import -window root '"$out"'/channelz$suffix.png
        xdotool key ctrl+h                         # the heap histogram page: take one, then the change since
        sleep 8
        xdotool key ctrl+h
        sleep 8
        import -window root '"$out"'/histogram$suffix.png
        kill "$app"; wait "$app" || true
    '
}
shoot light ""
shoot dark "-dark"
echo "wrote $out/dashboard.png, $out/streams.png, $out/channelz.png, $out/histogram.png and their -dark twins"
