#!/usr/bin/env bash
# Retakes screenshots/fleet.png: the Fleet tab over a fleet with no bridge and no JVM, six Go gRPC services
# instrumented the usual Go way (go-grpc-prometheus, the test peer app/src/test/resources/go/fleetpeer), scraped
# every second by a real Prometheus. Two leak Watch streams at different rates; the others hold steady or make unary
# calls. The leaking instance is selected, so its methods show below the table.
# Needs: apt-get install -y xvfb libgtk-3-0 imagemagick xdotool prometheus golang-go \
#        golang-github-grpc-ecosystem-go-grpc-prometheus-dev
# Usage: screenshots/take-fleet.sh   (from the repository root; takes about two minutes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=screenshots
./streamscope --help >/dev/null           # builds first if needed, outside the timed part
work="$(mktemp -d)"
pids=()
cleanup() {
    kill "${pids[@]}" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/go-cache" \
    go build -o "$work/fleetpeer" app/src/test/resources/go/fleetpeer/main.go
targets=""
index=0
for peer in leak:10 leak:3 steady:10 steady:5 unary:10 unary:20; do
    "$work/fleetpeer" -mode "${peer%:*}" -rate "${peer#*:}" -metrics 127.0.0.1:0 > "$work/peer-$index" 2>/dev/null &
    pids+=($!)
    until [ -s "$work/peer-$index" ]; do sleep 0.1; done
    targets+="{\"targets\":[\"$(head -1 "$work/peer-$index")\"],\"labels\":{\"job\":\"checkout\",\"namespace\":\"prod\",\"pod\":\"checkout-$index\"}},"
    index=$((index + 1))
done
echo "[${targets%,}]" > "$work/targets.json"
cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: fleet
    file_sd_configs:
      - files: ['$work/targets.json']
YAML
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$port" --log.level=warn > "$work/prometheus.log" 2>&1 &
pids+=($!)

export STREAMSCOPE_HOME="$work/home"       # a fresh settings folder: the defaults
mkdir -p "$STREAMSCOPE_HOME"
export url="http://127.0.0.1:$port"
xvfb-run -a -s "-screen 0 1720x1000x24" bash -c '
    ./streamscope --prometheus "$url" --trend-window 30s > /tmp/streamscope-fleet-screenshot.log 2>&1 &
    app=$!
    sleep 20
    window=$(xdotool search --name "^StreamScope$" | head -1)
    xdotool windowsize "$window" 1720 1000 windowmove "$window" 0 0
    sleep 55                                   # a trend window of history and a refresh after it
    xdotool mousemove 300 '"${FLEET_FIRST_ROW_Y:-261}"' click 1   # the first row, the fastest leak: its methods show
    sleep 2
    import -window root '"$out"'/fleet.png
    kill "$app"; wait "$app" || true
'
echo "wrote $out/fleet.png"
