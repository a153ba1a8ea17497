#!/usr/bin/env bash
# Prepares a private Docker engine and the busybox test image for the Docker runtime tests.
#
# Run as root. Idempotent: packages, a running engine and an existing image are reused.
# Everything it reports goes to stderr; stdout carries exactly one line,
#   export DOCKER_HOST=unix:///run/skillrt-docker.sock
# so callers can do: eval "$(.ci/docker-test-env.sh)"
set -euo pipefail

SOCKET=/run/skillrt-docker.sock
DOCKER_HOST_URL="unix://${SOCKET}"
DATA_ROOT=/var/lib/skillrt-docker
EXEC_ROOT=/run/skillrt-docker
PIDFILE=/run/skillrt-docker.pid
LOGFILE=/var/log/skillrt-dockerd.log
IMAGE="${SKILLRT_DOCKER_TEST_IMAGE:-skillrt/busybox:test}"
WAIT_SECONDS="${SKILLRT_DOCKERD_WAIT_SECONDS:-60}"
BUSYBOX_APPLETS="sh cat echo sleep true false yes head tail dd env printf ls mkdir rm id wc tee grep seq touch kill ps"

log() { echo "docker-test-env: $*" >&2; }
fail() { echo "docker-test-env: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (it installs packages and starts dockerd)"

need_install=()
command -v dockerd >/dev/null 2>&1 || need_install+=(docker.io)
command -v docker >/dev/null 2>&1 || need_install+=(docker.io)
[ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 || need_install+=(busybox-static)
if [ "${#need_install[@]}" -gt 0 ]; then
  log "installing ${need_install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends docker.io busybox-static >&2
else
  log "docker.io and busybox-static already present"
fi

engine_answers() { docker -H "$DOCKER_HOST_URL" info >/dev/null 2>&1; }

if engine_answers; then
  log "dockerd already answers on ${SOCKET}"
else
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    log "dockerd (pid $(cat "$PIDFILE")) is starting; waiting for it"
  else
    rm -f "$PIDFILE"
    mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$(dirname "$LOGFILE")"
    log "starting dockerd (log: ${LOGFILE})"
    nohup dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
      --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" \
      -H "$DOCKER_HOST_URL" --pidfile "$PIDFILE" >>"$LOGFILE" 2>&1 </dev/null &
  fi
  waited=0
  until engine_answers; do
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      tail -n 30 "$LOGFILE" >&2 || true
      fail "dockerd did not answer on ${SOCKET} within ${WAIT_SECONDS}s; see ${LOGFILE} (last lines above)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "dockerd answers on ${SOCKET} after ${waited}s"
fi

if docker -H "$DOCKER_HOST_URL" image inspect "$IMAGE" >/dev/null 2>&1; then
  log "image ${IMAGE} already present"
else
  root="$(mktemp -d)"
  trap 'rm -rf "$root"' EXIT
  chmod 755 "$root"
  mkdir -p "$root/bin" "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $BUSYBOX_APPLETS; do ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/tmp:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  log "building ${IMAGE} from /bin/busybox"
  tar -C "$root" -c . | docker -H "$DOCKER_HOST_URL" import \
    --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' - "$IMAGE" >&2
fi

echo "export DOCKER_HOST=${DOCKER_HOST_URL}"
