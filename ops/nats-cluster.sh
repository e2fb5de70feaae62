#!/usr/bin/env bash
# ops/nats-cluster.sh — a local three-node NATS cluster with JetStream, for
# development and tests of the replicated event log (PALLET_EVENTS_REPLICAS=3).
#
#   bash ops/nats-cluster.sh [up]   start the nodes that are not running, wait
#                                   for a JetStream meta leader, print NATS_URL
#   bash ops/nats-cluster.sh status which nodes run (by PID file), NATS_URL
#   bash ops/nats-cluster.sh stop   stop the nodes this script started, by PID
#
# Data, configs, logs and PID files under .data/nats-cluster/n1..n3/. Ports
# (all on 127.0.0.1): client NATS_CLUSTER_PORTS (default 4301,4302,4303),
# routes NATS_CLUSTER_ROUTE_PORTS (default 6301,6302,6303), monitoring
# NATS_CLUSTER_HTTP_PORTS (default 8301,8302,8303). Idempotent: a node whose
# PID file names a live nats-server is left alone; the shared NATS on 4222 is
# never touched.
#
# The Debian nats-server is 2.9.10: it rejects `sync_interval` (2.10+), so a
# node's JetStream syncs its files every 2 minutes; replication (R3: a
# message is acknowledged once a majority stored it) is what keeps an
# acknowledged message when one node dies. See DESIGN.md, the durability chain.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
DIR="${NATS_CLUSTER_DIR:-$ROOT/.data/nats-cluster}"
NAME="${NATS_CLUSTER_NAME:-pallet}"
WAIT_SECS="${NATS_CLUSTER_WAIT_SECS:-30}"
IFS=, read -r -a CLIENT <<<"${NATS_CLUSTER_PORTS:-4301,4302,4303}"
IFS=, read -r -a ROUTE <<<"${NATS_CLUSTER_ROUTE_PORTS:-6301,6302,6303}"
IFS=, read -r -a HTTP <<<"${NATS_CLUSTER_HTTP_PORTS:-8301,8302,8303}"

say() { printf '%s\n' "$*"; }
die() { printf 'ops/nats-cluster.sh: %s\n' "$*" >&2; exit 1; }

check_ports() {
  local list
  for list in CLIENT ROUTE HTTP; do
    local -n arr=$list
    [[ ${#arr[@]} -eq 3 ]] || die "three ports needed in each of NATS_CLUSTER_PORTS, NATS_CLUSTER_ROUTE_PORTS, NATS_CLUSTER_HTTP_PORTS"
    local p
    for p in "${arr[@]}"; do [[ $p =~ ^[0-9]+$ && $p -ge 1 && $p -le 65535 ]] || die "bad port '$p' in $list"; done
  done
}

nats_url() {
  local i out=''
  for i in 0 1 2; do out+="${out:+,}nats://127.0.0.1:${CLIENT[$i]}"; done
  printf '%s' "$out"
}

# pid_of N -> the PID of node N if its PID file names a live nats-server
pid_of() {
  local f="$DIR/n$1/nats.pid" pid
  [[ -f $f ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  grep -q nats-server "/proc/$pid/cmdline" 2>/dev/null || return 1
  printf '%s' "$pid"
}

write_conf() {
  local n=$1 i=$(( $1 - 1 )) routes='' j
  for j in 0 1 2; do routes+="${routes:+, }nats-route://127.0.0.1:${ROUTE[$j]}"; done
  mkdir -p "$DIR/n$n/js"
  cat >"$DIR/n$n/nats.conf" <<EOF
# written by ops/nats-cluster.sh; edits are overwritten on the next 'up'
server_name: n$n
listen: 127.0.0.1:${CLIENT[$i]}
http: 127.0.0.1:${HTTP[$i]}
pid_file: "$DIR/n$n/nats.pid"
jetstream {
  store_dir: "$DIR/n$n/js"
}
cluster {
  name: $NAME
  listen: 127.0.0.1:${ROUTE[$i]}
  routes: [ $routes ]
}
EOF
}

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The monitoring endpoint names the JetStream meta leader once the nodes agree on one.
meta_leader() {
  local i body
  for i in 0 1 2; do
    body="$(curl -fsS --max-time 2 "http://127.0.0.1:${HTTP[$i]}/jsz" 2>/dev/null)" || continue
    if [[ $body =~ \"meta_cluster\"[^}]*\"leader\":\ *\"([^\"]+)\" ]]; then printf '%s' "${BASH_REMATCH[1]}"; return 0; fi
  done
  return 1
}

up() {
  command -v nats-server >/dev/null 2>&1 || die "nats-server not found (apt-get install -y nats-server)"
  check_ports
  mkdir -p "$DIR"
  local n i started=0
  for n in 1 2 3; do
    i=$(( n - 1 ))
    if pid="$(pid_of "$n")"; then say "n$n already running (pid $pid, port ${CLIENT[$i]})"; continue; fi
    port_answers "${CLIENT[$i]}" && die "port ${CLIENT[$i]} answers but is not n$n of this cluster; choose NATS_CLUSTER_PORTS"
    write_conf "$n"
    nohup nats-server -c "$DIR/n$n/nats.conf" -l "$DIR/n$n/nats.log" >/dev/null 2>&1 &
    started=$((started + 1))
  done
  local deadline=$(( SECONDS + WAIT_SECS )) leader=''
  until leader="$(meta_leader)"; do
    (( SECONDS < deadline )) || die "no JetStream meta leader after ${WAIT_SECS}s; see $DIR/n*/nats.log"
    sleep 0.3
  done
  for n in 1 2 3; do pid_of "$n" >/dev/null || die "n$n is not running; see $DIR/n$n/nats.log"; done
  say "NATS cluster '$NAME' up ($started started), JetStream meta leader $leader"
  say "NATS_URL=$(nats_url)"
  say "PALLET_EVENTS_REPLICAS=3"
}

status() {
  check_ports
  local n pid
  for n in 1 2 3; do
    if pid="$(pid_of "$n")"; then say "n$n running (pid $pid, port ${CLIENT[$((n - 1))]})"; else say "n$n not running"; fi
  done
  say "NATS_URL=$(nats_url)"
}

stop() {
  local n pid deadline
  for n in 1 2 3; do
    pid="$(pid_of "$n")" || { say "n$n not running"; continue; }
    kill -TERM "$pid"
    deadline=$(( SECONDS + 15 ))
    while kill -0 "$pid" 2>/dev/null; do
      if (( SECONDS >= deadline )); then kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.1
    done
    rm -f "$DIR/n$n/nats.pid"
    say "n$n stopped (pid $pid)"
  done
}

case "${1:-up}" in
  up) up ;;
  status) status ;;
  stop) stop ;;
  *) die "usage: $0 [up|status|stop]" ;;
esac
