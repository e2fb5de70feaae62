#!/usr/bin/env bash
# ops/redis-cluster.sh — a local Redis Cluster for development and tests:
# three masters with one replica each, from the Debian redis-server, data
# under .data/redis-cluster/<port>/, AOF on (appendfsync everysec).
#
#   bash ops/redis-cluster.sh [up]   start the six nodes and create the cluster
#                                    (idempotent: nodes already running are
#                                    kept, a formed cluster is not re-created)
#   bash ops/redis-cluster.sh status what runs and the cluster's state
#   bash ops/redis-cluster.sh stop   stop the nodes this script started (by PID)
#
# Ports: REDIS_CLUSTER_PORT (default 7001) and the five after it; each node's
# cluster bus listens on port + 10000, so the last port must be below 55535.
# REDIS_CLUSTER_NODE_TIMEOUT_MS (default 5000): how long a master may be
# silent before its replica is promoted.
# Then run Pallet with the printed REDIS_URL (several seeds: cluster mode).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
DIR="$ROOT/.data/redis-cluster"
BASE="${REDIS_CLUSTER_PORT:-7001}"
NODE_TIMEOUT_MS="${REDIS_CLUSTER_NODE_TIMEOUT_MS:-5000}"
WAIT_SECS="${REDIS_CLUSTER_WAIT_SECS:-30}"
NODES=6

die() { printf '%s\n' "$*" >&2; exit 1; }

[[ "$BASE" =~ ^[0-9]+$ ]] || die "REDIS_CLUSTER_PORT=$BASE: must be a port number"
(( BASE >= 1024 && BASE + NODES - 1 < 55535 )) || die "REDIS_CLUSTER_PORT=$BASE: the ports $BASE..$((BASE + NODES - 1)) must be in 1024..55534 (bus port = port + 10000)"
[[ "$NODE_TIMEOUT_MS" =~ ^[0-9]+$ ]] && (( NODE_TIMEOUT_MS >= 500 )) || die "REDIS_CLUSTER_NODE_TIMEOUT_MS=$NODE_TIMEOUT_MS: must be an integer ≥ 500"
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || die "redis-server/redis-cli not found (apt-get install redis-server)"

ports() { for ((i = 0; i < NODES; i++)); do printf '%s\n' $((BASE + i)); done; }
pidfile() { printf '%s/%s/redis.pid' "$DIR" "$1"; }
running() { local f; f="$(pidfile "$1")"; [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null; }
answers() { [[ "$(redis-cli -p "$1" ping 2>/dev/null)" == PONG ]]; }
url() { local out='' p; for p in $(ports | head -3); do out+="${out:+,}redis://127.0.0.1:$p"; done; printf '%s' "$out"; }

start_node() {
  local p="$1" d="$DIR/$1"
  if running "$p"; then return 0; fi
  answers "$p" && die "port $p answers but is not a node of this script (pid file $(pidfile "$p")): choose REDIS_CLUSTER_PORT"
  mkdir -p "$d"
  redis-server --port "$p" --bind 127.0.0.1 --dir "$d" \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout "$NODE_TIMEOUT_MS" \
    --appendonly yes --appendfsync everysec --save '' --maxmemory-policy noeviction \
    --daemonize yes --pidfile "$d/redis.pid" --logfile "$d/redis.log"
}

wait_for() {
  local what="$1"; shift
  local until=$((SECONDS + WAIT_SECS))
  until "$@"; do
    (( SECONDS < until )) || die "timed out after ${WAIT_SECS}s waiting for $what"
    sleep 0.2
  done
}

cluster_ok() { redis-cli -p "$BASE" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }
# Every replica has taken its master (cluster create assigns them last).
replicas_ok() { [[ "$(redis-cli -p "$BASE" cluster nodes 2>/dev/null | grep -c ' slave ')" -eq $((NODES / 2)) ]]; }
all_answer() { local p; for p in $(ports); do answers "$p" || return 1; done; }
# A node that knows only itself has not joined a cluster yet.
formed() { [[ "$(redis-cli -p "$BASE" cluster info 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_known_nodes://p')" -gt 1 ]]; }

up() {
  local p
  for p in $(ports); do start_node "$p"; done
  wait_for "the nodes to answer" all_answer
  if ! formed; then
    local addrs=()
    for p in $(ports); do addrs+=("127.0.0.1:$p"); done
    redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes >"$DIR/create.log" 2>&1 \
      || die "redis-cli --cluster create failed: see $DIR/create.log"
  fi
  wait_for "cluster_state:ok" cluster_ok
  wait_for "a replica for each master" replicas_ok
  printf 'Redis Cluster up: ports %s-%s (3 masters, 1 replica each), data in %s\n' "$BASE" $((BASE + NODES - 1)) "$DIR"
  printf 'REDIS_URL=%s\n' "$(url)"
}

status() {
  local p
  for p in $(ports); do
    if running "$p"; then printf '%s: running (pid %s)\n' "$p" "$(cat "$(pidfile "$p")")"; else printf '%s: not running\n' "$p"; fi
  done
  if answers "$BASE"; then
    redis-cli -p "$BASE" cluster info | grep -E '^cluster_(state|slots_ok|known_nodes|size):' || true
    redis-cli -p "$BASE" cluster nodes | awk '{print $2, $3}' | sed 's/@[0-9]*//' | sort
    printf 'REDIS_URL=%s\n' "$(url)"
  fi
}

stop() {
  local p pid
  for p in $(ports); do
    running "$p" || continue
    pid="$(cat "$(pidfile "$p")")"
    kill "$pid"
    local until=$((SECONDS + WAIT_SECS))
    while kill -0 "$pid" 2>/dev/null; do
      (( SECONDS < until )) || { kill -9 "$pid" 2>/dev/null || true; break; }
      sleep 0.1
    done
    printf 'stopped %s (pid %s)\n' "$p" "$pid"
  done
}

case "${1:-up}" in
  up) up ;;
  status) status ;;
  stop) stop ;;
  *) die "usage: bash ops/redis-cluster.sh [up|status|stop]" ;;
esac
