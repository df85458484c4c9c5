#!/usr/bin/env bash
# Build the product Dockerfile, unchanged, on a local stand-in of its base
# image, then run it the way operators will (read-only root file system, no
# network for the second run) and check it from the host.
#
# Needs root, podman, buildah, runc and debootstrap. Last line:
#   image_mb=<size> healthy_s=<seconds to healthy>
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
APP_IMAGE="localhost/kana-image-test:$$"
RUN_NAME="kana-image-test-$$"
OFFLINE_NAME="kana-image-test-offline-$$"
IMAGE_MAX_MB="${IMAGE_MAX_MB:-600}"
HEALTHY_TIMEOUT_S="${HEALTHY_TIMEOUT_S:-60}"
# The runtime is runc, named explicitly because crun failed on the test
# machines' kernel; runc there fails to apply its default rlimits unless
# they are given.
RUN_FLAGS=(--read-only --read-only-tmpfs=false
           --ulimit nofile=20000:20000 --ulimit nproc=4096:4096)

WORK="$(mktemp -d /var/tmp/kana-image-test.XXXXXX)"
BUILD_LOG="$WORK/build.log"

log() { echo "[image-test] $*" >&2; }

show_container_log() {
    echo "----- container log ($1) -----" >&2
    podman logs "$1" 2>&1 | tail -n 60 >&2 || true
    echo "------------------------------" >&2
}

fail() {
    echo "[image-test] FAILED: $1" >&2
    [[ -n "${2:-}" ]] && show_container_log "$2"
    exit 1
}

cleanup() {
    podman rm --force --time 2 "$RUN_NAME" "$OFFLINE_NAME" >/dev/null 2>&1 || true
    podman rmi --force "$APP_IMAGE" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# GET a URL from the host; print the body, fail on anything but 200.
http_get() {
    python3 - "$1" <<'PY'
import sys
import urllib.request

with urllib.request.urlopen(sys.argv[1], timeout=10) as response:
    sys.stdout.write(response.read().decode("utf-8", "replace"))
PY
}

# Call the image's own HEALTHCHECK until it passes; print the seconds since $2.
wait_healthy() {
    local name="$1" started="$2" now
    while :; do
        if podman healthcheck run "$name" >/dev/null 2>&1; then
            now="$(date +%s.%N)"
            python3 -c "print(f'{$now - $started:.1f}')"
            return 0
        fi
        [[ "$(podman inspect --format '{{.State.Running}}' "$name")" == true ]] \
            || fail "container $name exited before it was healthy" "$name"
        now="$(date +%s.%N)"
        python3 -c "import sys; sys.exit($now - $started > $HEALTHY_TIMEOUT_S)" \
            || fail "container $name not healthy after ${HEALTHY_TIMEOUT_S} s" "$name"
        sleep 0.2
    done
}

check_model_loads() {
    podman exec "$1" python -c 'from kana_app.recognition import warm_up; warm_up()' \
        >"$WORK/model.log" 2>&1 \
        || { cat "$WORK/model.log" >&2; fail "the recognizer model did not load in $1" "$1"; }
    [[ "$(cat "$WORK/model.log")" != *telemetry* ]] \
        || { cat "$WORK/model.log" >&2; fail "onnxruntime tried to send telemetry in $1"; }
}

# Run the app's default page once inside the image, with Streamlit's AppTest
# (which itself needs a writable /tmp; the app does not).
check_page_runs() {
    podman --runtime runc run --rm "${RUN_FLAGS[@]}" --tmpfs /tmp --network none \
        "$APP_IMAGE" python -c '
import sys
from streamlit.testing.v1 import AppTest

at = AppTest.from_file("kana_app/streamlit_app.py", default_timeout=60).run()
problems = [e.value for e in at.exception] + [e.value for e in at.error]
if problems or not at.main.children:
    sys.exit("default page failed: " + (str(problems) if problems else "it is empty"))
' >"$WORK/page.log" 2>&1 \
        || { tail -n 40 "$WORK/page.log" >&2; fail "the app's default page did not run in the image"; }
}

# Open the pages in chromium when the test environment has it (`make test`
# and CI do): this exercises the websocket, XSRF and message-size settings.
check_pages_in_browser() {
    local python="$ROOT/.venv/bin/python"
    if ! [[ -x "$python" && -x /usr/bin/chromium ]] \
            || ! "$python" -c 'import playwright' 2>/dev/null; then
        log "NOTE: pages not opened in a browser: needs .venv with playwright and /usr/bin/chromium"
        return
    fi
    PYTHONPATH="$ROOT" nice -n 10 "$python" "$ROOT/scripts/image_browser_check.py" "$1" \
        >"$WORK/browser.log" 2>&1 \
        || { tail -n 30 "$WORK/browser.log" >&2; fail "a page did not render in chromium" "$RUN_NAME"; }
    log "$(tail -n 1 "$WORK/browser.log")"
}

main() {
    local begin=$SECONDS
    [[ "$(id -u)" == 0 ]] || fail "run as root (chroot builds and runc need it)"
    for tool in podman buildah runc debootstrap python3; do
        command -v "$tool" >/dev/null \
            || fail "$tool is not installed (Debian: apt-get install podman buildah runc debootstrap)"
    done

    # 1. The stand-in base (cached in podman's store after the first run).
    local base
    base="$(bash "$ROOT/scripts/make_standin_base.sh")" || fail "could not make the stand-in base"

    # 2. The product image, from the repository's Dockerfile as it is.
    log "building the app image on $base"
    local start=$SECONDS
    nice -n 10 podman build --isolation=chroot --format docker --layers=false \
        --build-arg BASE="$base" -t "$APP_IMAGE" -f "$ROOT/Dockerfile" "$ROOT" \
        >"$BUILD_LOG" 2>&1 \
        || { tail -n 60 "$BUILD_LOG" >&2; fail "podman build of Dockerfile failed (log above)"; }
    local size_bytes image_mb
    size_bytes="$(podman image inspect --format '{{.Size}}' "$APP_IMAGE")"
    image_mb=$(( (size_bytes + 500000) / 1000000 ))
    log "built in $((SECONDS - start)) s, ${image_mb} MB"
    ((image_mb <= IMAGE_MAX_MB)) || fail "image is ${image_mb} MB, more than ${IMAGE_MAX_MB} MB"
    [[ "$(podman image inspect --format '{{.Config.Healthcheck}}' "$APP_IMAGE")" == *_stcore/health* ]] \
        || fail "the image has no HEALTHCHECK on /_stcore/health"

    # 3. Run it as operators will, published on the loopback interface only.
    local port started healthy_s
    port="$(free_port)"
    started="$(date +%s.%N)"
    # NOTE: without systemd podman logs that it cannot schedule health checks;
    # that is expected here, as this script calls them itself.
    podman --runtime runc run --detach --name "$RUN_NAME" "${RUN_FLAGS[@]}" \
        --publish "127.0.0.1:$port:8501" "$APP_IMAGE" >"$WORK/run.log" 2>&1 \
        || { cat "$WORK/run.log" >&2; fail "podman run failed"; }
    healthy_s="$(wait_healthy "$RUN_NAME" "$started")"
    log "healthy after ${healthy_s} s on 127.0.0.1:$port"

    [[ "$(http_get "http://127.0.0.1:$port/_stcore/health")" == ok ]] \
        || fail "/_stcore/health did not answer ok from the host" "$RUN_NAME"
    local page
    page="$(http_get "http://127.0.0.1:$port/")" \
        || fail "GET / failed from the host" "$RUN_NAME"
    [[ "$page" == *'<div id="root">'* ]] \
        || fail "GET / did not return Streamlit's page" "$RUN_NAME"
    check_pages_in_browser "http://127.0.0.1:$port"
    local uid
    uid="$(podman exec "$RUN_NAME" id -u)"
    [[ "$uid" != 0 ]] || fail "the app runs as root" "$RUN_NAME"
    podman exec "$RUN_NAME" sh -c 'touch /app/probe' 2>/dev/null \
        && fail "the root file system is writable; expected --read-only" "$RUN_NAME"
    check_model_loads "$RUN_NAME"
    check_page_runs
    [[ "$(podman logs "$RUN_NAME" 2>&1)" != *Traceback* ]] \
        || fail "the app logged a traceback" "$RUN_NAME"
    log "checks passed: health, page, uid $uid, read-only root, model loads"
    log "memory after start: $(podman stats --no-stream --format '{{.MemUsage}}' \
        "$RUN_NAME" 2>/dev/null || echo unknown)"
    podman rm --force --time 2 "$RUN_NAME" >/dev/null 2>&1

    # 4. Without any network: nothing may be downloaded at start-up.
    local offline_s
    started="$(date +%s.%N)"
    podman --runtime runc run --detach --name "$OFFLINE_NAME" "${RUN_FLAGS[@]}" \
        --network none "$APP_IMAGE" >"$WORK/run.log" 2>&1 \
        || { cat "$WORK/run.log" >&2; fail "podman run --network none failed"; }
    offline_s="$(wait_healthy "$OFFLINE_NAME" "$started")"
    check_model_loads "$OFFLINE_NAME"
    local offline_log
    offline_log="$(podman logs "$OFFLINE_NAME" 2>&1)"
    [[ "$offline_log" != *Traceback* && "$offline_log" != *"external IP"* ]] \
        || fail "the app logged a traceback or tried the network" "$OFFLINE_NAME"
    log "healthy after ${offline_s} s with --network none; model loads offline"

    log "image test passed in $((SECONDS - begin)) s"
    echo "image_mb=${image_mb} healthy_s=${healthy_s}"
}

main "$@"
