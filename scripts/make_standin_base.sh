#!/usr/bin/env bash
# Make a local stand-in for python:3.11-slim-bookworm in podman's image store,
# unless an up-to-date one is there already. Prints the image name.
#
# Debian bookworm comes from the mirror this machine's apt already uses; the
# machine's extra CA certificates are trusted inside; CPython 3.11 is built
# into /usr/local by scripts/standin-python.Containerfile. Needs root,
# podman and debootstrap.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
STANDIN_IMAGE="${STANDIN_IMAGE:-localhost/kana-standin-python:3.11-slim-bookworm}"
DEBIAN_IMAGE="localhost/kana-standin-debian:bookworm"
SUITE=bookworm
EXTRA_CA_DIR=/usr/local/share/ca-certificates
APT_ETC="${APT_ETC:-/etc/apt}"

log() { echo "[standin] $*" >&2; }
die() { echo "[standin] ERROR: $*" >&2; exit 1; }

# Print the first Debian archive URI in the apt sources, preferring an entry
# for $SUITE; understands both the one-line and the deb822 format.
apt_mirror() {
    local files=()
    [[ -f "$APT_ETC/sources.list" ]] && files+=("$APT_ETC/sources.list")
    shopt -s nullglob
    files+=("$APT_ETC"/sources.list.d/*.list "$APT_ETC"/sources.list.d/*.sources)
    shopt -u nullglob
    ((${#files[@]})) || return 0
    awk -v suite="$SUITE" '
        function consider(types, uris, suites,   n, i, s, u) {
            if (types !~ /(^| )deb( |$)/ || uris == "") return
            split(uris, u, " ")
            n = split(suites, s, " ")
            for (i = 1; i <= n; i++) {
                if (s[i] == suite && exact == "") exact = u[1]
                if (s[i] !~ /[-\/]/ && any == "") any = u[1]
            }
        }
        function flush() {
            if (enabled != "no") consider(types, uris, suites)
            types = uris = suites = enabled = ""
        }
        FNR == 1 { flush() }
        FILENAME ~ /\.sources$/ {
            if ($0 ~ /^[ \t]*$/) { flush(); next }
            if ($0 ~ /^#/) next
            key = tolower($1); sub(/:$/, "", key)
            val = $0; sub(/^[^:]*:[ \t]*/, "", val)
            if (key == "types") types = val
            else if (key == "uris") uris = val
            else if (key == "suites") suites = val
            else if (key == "enabled") enabled = tolower(val)
            next
        }
        /^deb[ \t]/ {
            line = $0
            sub(/\[[^]]*\]/, "", line)
            split(line, f, /[ \t]+/)
            consider("deb", f[2], f[3])
        }
        END { flush(); print (exact != "" ? exact : any) }
    ' "${files[@]}"
}

# Trim the root file system the way Debian's own slim container images are
# trimmed: no documentation, manual pages or translations, and apt set up to
# remove what only Suggests keeps (else the build tools stay after the purge).
slim_rootfs() {
    local root="$1"
    cat >"$root/etc/dpkg/dpkg.cfg.d/slim" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
CFG
    cat >"$root/etc/apt/apt.conf.d/slim" <<'CFG'
APT::AutoRemove::SuggestsImportant "false";
Acquire::Languages "none";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
CFG
    find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
    find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
    rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/lintian/*
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias \
        -exec rm -rf {} +
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
        "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/var/log/apt/*
}

recipe_hash() {
    { cat "$HERE/standin-python.Containerfile"; declare -f slim_rootfs;
      cat "$EXTRA_CA_DIR"/*.crt 2>/dev/null || true; } | sha256sum | cut -c1-16
}

main() {
    if [[ "${1:-}" == --print-mirror ]]; then
        apt_mirror
        return
    fi
    [[ "$(id -u)" == 0 ]] || die "run as root (debootstrap and chroot builds need it)"
    command -v podman >/dev/null || die "podman is not installed (apt-get install podman buildah runc)"
    command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"

    local recipe
    recipe="$(recipe_hash)"
    if [[ "$(podman image inspect --format '{{index .Labels "kana.standin.recipe"}}' \
            "$STANDIN_IMAGE" 2>/dev/null)" == "$recipe" ]]; then
        log "using cached $STANDIN_IMAGE"
        echo "$STANDIN_IMAGE"
        return
    fi

    local mirror
    mirror="$(apt_mirror)"
    [[ -n "$mirror" ]] || die "no Debian mirror found in /etc/apt/sources.list(.d)"
    log "building $STANDIN_IMAGE from $mirror (a few minutes, once)"

    ROOTFS="$(mktemp -d /var/tmp/kana-standin.XXXXXX)"
    trap 'rm -rf "$ROOTFS" "$ROOTFS".*' EXIT
    local root="$ROOTFS"

    local start=$SECONDS
    nice -n 10 debootstrap --variant=minbase --include=ca-certificates,netbase,tzdata \
        "$SUITE" "$root" "$mirror" >"$root.log" 2>&1 \
        || { tail -n 30 "$root.log" >&2; rm -f "$root.log"; die "debootstrap failed"; }
    rm -f "$root.log"
    log "debootstrap done in $((SECONDS - start)) s"

    # Behind an intercepting proxy, pip in the build needs the proxy's CA.
    if compgen -G "$EXTRA_CA_DIR/*.crt" >/dev/null; then
        cp "$EXTRA_CA_DIR"/*.crt "$root/usr/local/share/ca-certificates/"
        chroot "$root" update-ca-certificates >/dev/null 2>&1 \
            || die "update-ca-certificates failed in the bookworm root file system"
    fi
    slim_rootfs "$root"

    tar -C "$root" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' \
        --exclude='./sys/*' -c . \
        | podman import --quiet --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null \
        || die "podman import of the bookworm root file system failed"

    start=$SECONDS
    local build_log="$root.build.log"
    if ! nice -n 10 podman build --isolation=chroot --format docker --quiet \
            --build-arg DEBIAN_IMAGE="$DEBIAN_IMAGE" \
            --label kana.standin.recipe="$recipe" \
            -f "$HERE/standin-python.Containerfile" -t "$STANDIN_IMAGE" \
            "$HERE" >"$build_log" 2>&1; then
        tail -n 40 "$build_log" >&2
        rm -f "$build_log"
        die "building CPython into the stand-in base failed (log above)"
    fi
    rm -f "$build_log"
    podman rmi --force "$DEBIAN_IMAGE" >/dev/null 2>&1 || true
    log "CPython build done in $((SECONDS - start)) s"
    echo "$STANDIN_IMAGE"
}

main "$@"
