#!/usr/bin/env bash
# ops/services.sh — make Redis, NATS (with JetStream) and PostgreSQL answer at
# the configured URLs, and say what was done.
#
#   bash ops/services.sh [up]    check each service; start a local instance
#                                (data under .data/) for a loopback URL that
#                                does not answer; create the Postgres database
#   bash ops/services.sh status  what answers, and which local instances run
#   bash ops/services.sh stop    stop only the instances this script started
#
# Reads REDIS_URL, NATS_URL, DATABASE_URL (defaults: 127.0.0.1 on 6379, 4222
# and 5432, user and database postgres). A service that already answers is
# reused and never stopped, restarted or reconfigured.
# Remote (non-loopback) URLs are only checked, never started. Nor are lists:
# a REDIS_URL of several seeds (or REDIS_CLUSTER=1) is a Redis Cluster and a
# NATS_URL of several servers a NATS cluster; each listed server is checked and
# at least one must answer (ops/redis-cluster.sh and ops/nats-cluster.sh start
# local clusters).
# Tunables: SERVICES_WAIT_SECS (default 30), SERVICES_REDIS_APPENDFSYNC
# (default always: every acknowledged write is on disk; "everysec" trades up to
# ~1 s on power loss for ~7-8 % more reservations/s). See ops/README.md.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
DATA="$ROOT/.data"
WAIT_SECS="${SERVICES_WAIT_SECS:-30}"
REDIS_APPENDFSYNC="${SERVICES_REDIS_APPENDFSYNC:-always}"

REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
NATS_URL="${NATS_URL:-nats://127.0.0.1:4222}"
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

# set by parse_url and the *_parse functions
U_SCHEME='' U_USER='' U_PASS='' U_HASPASS=0 U_HOST='' U_PORT='' U_PATH='' U_QUERY=''
APT_UPDATED=0
LOCKED=0
SUMMARY=()

# ---------------------------------------------------------------- helpers

say() { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die() { printf '%s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
rel() { printf '%s' "${1#"$ROOT"/}"; }

# find_bin NAME [EXTRA_DIR...] -> path of an executable, or nothing (rc 1)
find_bin() {
  local name=$1 d
  shift
  if have "$name"; then command -v "$name"; return 0; fi
  for d in "$@" /usr/sbin /usr/local/sbin /sbin; do
    if [[ -x $d/$name ]]; then printf '%s\n' "$d/$name"; return 0; fi
  done
  return 1
}

urldecode() { printf -v "$1" '%b' "${2//%/\\x}"; }

# parse_url URL DEFAULT_PORT: sets U_SCHEME U_USER U_PASS U_HASPASS U_HOST
# U_PORT U_PATH (decoded, without the leading /) U_QUERY (with its ?).
URL_RE='^([A-Za-z][A-Za-z0-9+.-]*)://(([^@/?#]*)@)?(\[[^]/]*\]|[^:/?#]*)(:([0-9]*))?(/([^?#]*))?(\?[^#]*)?$'
parse_url() {
  local url=$1 userinfo
  [[ $url =~ $URL_RE ]] || return 1
  U_SCHEME=${BASH_REMATCH[1],,}
  userinfo=${BASH_REMATCH[3]}
  U_HOST=${BASH_REMATCH[4]}
  U_PORT=${BASH_REMATCH[6]:-$2}
  urldecode U_PATH "${BASH_REMATCH[8]}"
  U_QUERY=${BASH_REMATCH[9]}
  U_HOST=${U_HOST#[}
  U_HOST=${U_HOST%]}
  [[ -n $U_HOST ]] || U_HOST=127.0.0.1
  urldecode U_USER "${userinfo%%:*}"
  U_HASPASS=0
  U_PASS=
  if [[ $userinfo == *:* ]]; then U_HASPASS=1; urldecode U_PASS "${userinfo#*:}"; fi
  (( U_PORT > 0 && U_PORT < 65536 )) || return 1
}

is_loopback() {
  case ${1,,} in
    localhost | 127.* | ::1 | 0:0:0:0:0:0:0:1) return 0 ;;
    *) return 1 ;;
  esac
}

hostport() { if [[ $1 == *:* ]]; then printf '[%s]:%s' "$1" "$2"; else printf '%s:%s' "$1" "$2"; fi; }

# address a local instance listens on for a loopback host
listen_addr() { case $1 in ::1 | 0:0:0:0:0:0:0:1) printf '::1' ;; *) printf '127.0.0.1' ;; esac; }

# tcp_open HOST PORT: something accepts TCP connections there
# shellcheck disable=SC2016 # $0/$1 expand in the child bash
tcp_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds or time is up
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

pid_alive() { [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; }
pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# pid_from FILE NAME: the pid in FILE if that process is alive and is NAME
pid_from() {
  local pid comm=
  [[ -r $1 ]] || return 1
  read -r pid <"$1" || true
  [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    comm=$(tr '\0' ' ' <"/proc/$pid/cmdline")
  else
    comm=$(ps -o args= -p "$pid" 2>/dev/null || true)
  fi
  [[ $comm == *"$2"* ]] || return 1
  printf '%s\n' "$pid"
}

# stop_pid SERVICE PIDFILE NAME: SIGTERM our own instance and wait for it
stop_pid() {
  local pid
  if ! pid=$(pid_from "$2" "$3"); then
    rm -f "$2"
    say "$1: no local instance running from $(rel "$(dirname "$2")")"
    SUMMARY+=("$1 not running")
    return 0
  fi
  kill -TERM "$pid"
  if wait_for "$WAIT_SECS" pid_gone "$pid"; then
    rm -f "$2"
    say "$1: stopped local instance (pid $pid)"
    SUMMARY+=("$1 stopped")
  else
    die "$1: pid $pid did not exit within ${WAIT_SECS}s; see $(rel "$(dirname "$2")")"
  fi
}

# One start at a time per project (two `npm test` runs racing). Every command
# that may leave a process behind runs with 9>&- so that no server inherits
# (and keeps holding) the lock.
take_lock() {
  ((LOCKED)) && return 0
  mkdir -p "$DATA"
  if have flock; then
    exec 9>"$DATA/.services.lock"
    flock -w "$((WAIT_SECS * 3))" 9 || die "services: could not lock $(rel "$DATA")/.services.lock"
  fi
  LOCKED=1
}

# install_pkg SERVICE PACKAGE BINARY: apt-get install on Debian as root, else
# say exactly what to install and exit 1.
install_pkg() {
  local svc=$1 pkg=$2 bin=$3 log
  if [[ $EUID -ne 0 || ! -r /etc/debian_version ]] || ! have apt-get; then
    die "$svc: '$bin' is not installed; install it (Debian/Ubuntu package: $pkg, e.g. 'apt-get install -y $pkg' as root) and run again"
  fi
  mkdir -p "$DATA"
  log="$DATA/apt.log"
  if ((!APT_UPDATED)); then
    say "$svc: '$bin' not found; running apt-get update (log $(rel "$log"))"
    apt-get update >>"$log" 2>&1 9>&- || die "$svc: apt-get update failed; see $log"
    APT_UPDATED=1
  fi
  say "$svc: installing Debian package $pkg (apt-get install -y $pkg)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg" >>"$log" 2>&1 9>&- ||
    die "$svc: apt-get install $pkg failed; see $log"
}

# ------------------------------------------------------------------ redis

# redis_parse [URL]: one server's URL (default REDIS_URL)
redis_parse() {
  local url=${1:-$REDIS_URL}
  if ! parse_url "$url" 6379 || [[ $U_SCHEME != redis && $U_SCHEME != rediss ]]; then
    die "redis: cannot parse REDIS_URL='$REDIS_URL' (expected redis://[user:pass@]host:port[/db], or a comma list of cluster seeds)"
  fi
  R_HOST=$U_HOST R_PORT=$U_PORT R_USER=$U_USER R_PASS=$U_PASS R_TLS=0
  [[ $U_SCHEME == rediss ]] && R_TLS=1
  R_AT=$(hostport "$R_HOST" "$R_PORT")
}

# redis_ping: sets R_REPLY; rc 0 when the reply is PONG
redis_ping() {
  local cli
  if cli=$(find_bin redis-cli); then
    # decoded credentials (redis-cli -u does not percent-decode); the
    # password goes through the environment, not argv
    local args=(--no-auth-warning -h "$R_HOST" -p "$R_PORT")
    ((R_TLS)) && args+=(--tls)
    local auth=()
    if [[ -n $R_PASS ]]; then
      auth=("REDISCLI_AUTH=$R_PASS")
      [[ -n $R_USER ]] && args+=(--user "$R_USER")
    fi
    R_REPLY=$(env "${auth[@]}" timeout 5 "$cli" "${args[@]}" ping 2>&1) || true
  elif ((R_TLS)); then
    die "redis: rediss:// needs redis-cli (Debian package redis-tools) to check"
  else
    # shellcheck disable=SC2016 # script for the child bash
    R_REPLY=$(LC_ALL=C timeout 5 bash -c '
      exec 3<>"/dev/tcp/$0/$1" || exit 2
      if [[ -n $3 ]]; then
        if [[ -n $2 ]]; then
          printf "*3\r\n\$4\r\nAUTH\r\n\$%d\r\n%s\r\n\$%d\r\n%s\r\n" "${#2}" "$2" "${#3}" "$3" >&3
        else
          printf "*2\r\n\$4\r\nAUTH\r\n\$%d\r\n%s\r\n" "${#3}" "$3" >&3
        fi
        IFS= read -r -t 3 line <&3 || exit 3
        [[ $line == +OK* ]] || { printf "%s\n" "${line#?}"; exit 0; }
      fi
      printf "PING\r\n" >&3
      IFS= read -r -t 3 line <&3 || exit 3
      printf "%s\n" "${line#?}"' "$R_HOST" "$R_PORT" "$R_USER" "$R_PASS" 2>&1) || true
  fi
  R_REPLY=${R_REPLY//$'\r'/}
  R_REPLY=${R_REPLY//$'\n'/; }
  [[ $R_REPLY == PONG ]]
}

redis_auth_error() { [[ $R_REPLY == NOAUTH* || $R_REPLY == WRONGPASS* || $R_REPLY == *"AUTH failed"* ]]; }
# the server is up, whether or not it accepts our credentials
redis_replies() { redis_ping || redis_auth_error; }

# split_list VAR LIST: the entries of a comma list, blanks trimmed, into array VAR
split_list() {
  local -n out=$1
  local entry entries
  out=()
  IFS=',' read -r -a entries <<<"$2"
  for entry in "${entries[@]}"; do
    entry=${entry//[[:space:]]/}
    [[ -n $entry ]] && out+=("$entry")
  done
}

# A Redis Cluster: several seeds, or REDIS_CLUSTER=1
redis_is_cluster() { [[ $REDIS_URL == *,* || ${REDIS_CLUSTER:-0} == 1 ]]; }

# redis_cluster_up: checks every seed, starts nothing; leaves R_* on the first
# seed that answers (for redis_durability)
redis_cluster_up() {
  local seeds seed first='' answering=0 down=()
  split_list seeds "$REDIS_URL"
  for seed in "${seeds[@]}"; do
    redis_parse "$seed"
    if redis_ping; then
      ((answering += 1))
      [[ -n $first ]] || first=$seed
    else
      down+=("$R_AT")
    fi
  done
  ((answering > 0)) ||
    die "redis: none of the ${#seeds[@]} server(s) in REDIS_URL answers (Redis Cluster); a cluster is never started here: bash ops/redis-cluster.sh starts a local one"
  say "redis: Redis Cluster, ${answering} of ${#seeds[@]} listed server(s) answering${down[*]:+ (not answering: ${down[*]})}; nothing started here for a cluster (bash ops/redis-cluster.sh starts a local one)"
  SUMMARY+=("redis cluster reused")
  redis_parse "$first"
}

redis_up() {
  if redis_is_cluster; then redis_cluster_up; return; fi
  redis_parse
  if redis_ping; then
    say "redis: answering at $R_AT (reused)"
    SUMMARY+=("redis reused")
    return 0
  fi
  is_loopback "$R_HOST" ||
    die "redis: not answering at $R_AT (REDIS_URL=$REDIS_URL): ${R_REPLY:-no reply}; it is not a loopback host, so nothing is started"
  take_lock
  redis_ping && { say "redis: answering at $R_AT (reused, started concurrently)"; SUMMARY+=("redis reused"); return 0; }
  if tcp_open "$R_HOST" "$R_PORT"; then
    redis_auth_error && die "redis: a Redis answers at $R_AT but refuses the credentials in REDIS_URL: $R_REPLY"
    die "redis: something accepts connections at $R_AT but does not answer PING with PONG (reply: ${R_REPLY:-none}); not starting another server on that port"
  fi
  redis_start
}

redis_start() {
  local dir="$DATA/redis" bin pid
  if ! bin=$(find_bin redis-server); then
    install_pkg redis redis-server redis-server
    redis_ping && { say "redis: answering at $R_AT (packaged service started by apt)"; SUMMARY+=("redis installed"); return 0; }
    bin=$(find_bin redis-server) || die "redis: redis-server still not found after installing redis-server"
  fi
  mkdir -p "$dir"
  if pid=$(pid_from "$dir/redis.pid" redis-server); then
    die "redis: the local instance from $(rel "$dir") (pid $pid) is running but not answering at $R_AT (another port?); run 'bash ops/services.sh stop' first"
  fi
  rm -f "$dir/redis.pid"
  say "redis: not answering at $R_AT; starting a local instance (data in $(rel "$dir"), appendfsync $REDIS_APPENDFSYNC)"
  local bind=("$(listen_addr "$R_HOST")")
  [[ ${R_HOST,,} == localhost ]] && bind+=(-::1) # Redis 7: also ::1, if the host has it
  local args=(--port "$R_PORT" --bind "${bind[@]}" --dir "$dir"
    --save "" --appendonly yes --appendfsync "$REDIS_APPENDFSYNC"
    --maxmemory-policy noeviction --daemonize yes
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log")
  if [[ -n $R_PASS ]]; then
    if [[ -n $R_USER && $R_USER != default ]]; then
      args+=(--user "$R_USER" on ">$R_PASS" "~*" "&*" "+@all")
    else
      args+=(--requirepass "$R_PASS")
    fi
  fi
  "$bin" "${args[@]}" >>"$dir/redis.log" 2>&1 9>&- ||
    die "redis: redis-server failed to start; see $dir/redis.log"
  wait_for "$WAIT_SECS" redis_replies ||
    die "redis: local instance did not answer at $R_AT within ${WAIT_SECS}s (last reply: ${R_REPLY:-none}); see $dir/redis.log"
  redis_ping || die "redis: local instance at $R_AT answers PING with: $R_REPLY; see $dir/redis.log"
  pid=$(pid_from "$dir/redis.pid" redis-server || echo '?')
  say "redis: answering at $R_AT (started, pid $pid, log $(rel "$dir")/redis.log)"
  SUMMARY+=("redis started")
}

# ------------------------------------------------------------------- nats

# nats_parse [URL]: one server's URL (default the first of NATS_URL)
nats_parse() {
  local url=${1:-$NATS_URL}
  url=${url%%,*}
  [[ $url == *://* ]] || url="nats://$url"
  if ! parse_url "$url" 4222 || [[ $U_SCHEME != nats && $U_SCHEME != tls ]]; then
    die "nats: cannot parse NATS_URL='$NATS_URL' (expected nats://[user:pass@]host:port)"
  fi
  N_HOST=$U_HOST N_PORT=$U_PORT N_USER=$U_USER N_PASS=$U_PASS N_HASPASS=$U_HASPASS
  N_AT=$(hostport "$N_HOST" "$N_PORT")
}

# nats_info: sets N_INFO to the server's first line; rc 0 when it is INFO
nats_info() {
  # shellcheck disable=SC2016 # script for the child bash
  N_INFO=$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 2
    IFS= read -r -t 3 line <&3 || exit 3
    printf "%s\n" "$line"' "$N_HOST" "$N_PORT" 2>/dev/null) || true
  [[ $N_INFO == INFO\ * ]]
}

nats_require_js() {
  [[ $N_INFO == *'"jetstream":true'* ]] && return 0
  die "nats: a NATS server answers at $N_AT but JetStream is not enabled (its INFO has no \"jetstream\":true); Pallet needs JetStream: enable it on that server (nats-server -js, or a 'jetstream { store_dir: ... }' block) or point NATS_URL at one that has it"
}

# nats_cluster_up: checks every listed server, starts nothing
nats_cluster_up() {
  local servers server answering=0 down=()
  split_list servers "$NATS_URL"
  for server in "${servers[@]}"; do
    nats_parse "$server"
    if nats_info; then
      nats_require_js
      ((answering += 1))
    else
      down+=("$N_AT")
    fi
  done
  ((answering > 0)) ||
    die "nats: none of the ${#servers[@]} servers in NATS_URL answers (a NATS cluster); a cluster is never started here: bash ops/nats-cluster.sh starts a local one"
  say "nats: NATS cluster, ${answering} of ${#servers[@]} listed servers answering with JetStream${down[*]:+ (not answering: ${down[*]})}; nothing started here for a cluster (bash ops/nats-cluster.sh starts a local one)"
  SUMMARY+=("nats cluster reused")
}

nats_up() {
  if [[ $NATS_URL == *,* ]]; then nats_cluster_up; return; fi
  nats_parse
  if nats_info; then
    nats_require_js
    say "nats: answering at $N_AT with JetStream (reused)"
    SUMMARY+=("nats reused")
    return 0
  fi
  is_loopback "$N_HOST" ||
    die "nats: not answering at $N_AT (NATS_URL=$NATS_URL); it is not a loopback host, so nothing is started"
  take_lock
  if nats_info; then
    nats_require_js
    say "nats: answering at $N_AT with JetStream (reused, started concurrently)"
    SUMMARY+=("nats reused")
    return 0
  fi
  if tcp_open "$N_HOST" "$N_PORT"; then
    die "nats: something accepts connections at $N_AT but sends no NATS INFO line; not starting another server on that port"
  fi
  nats_start
}

nats_conf() {
  local dir=$1 q='"'
  say "# generated by ops/services.sh on each start; edits are overwritten"
  say "listen: \"$(hostport "$(listen_addr "$N_HOST")" "$N_PORT")\""
  # file storage; no sync_interval: nats-server 2.9 (Debian 12) rejects it
  say "jetstream {"
  say "  store_dir: \"$dir/js\""
  say "}"
  if ((N_HASPASS)); then
    say "authorization {"
    say "  user: $q${N_USER//$q/\\$q}$q"
    say "  password: $q${N_PASS//$q/\\$q}$q"
    say "}"
  elif [[ -n $N_USER ]]; then
    say "authorization {"
    say "  token: $q${N_USER//$q/\\$q}$q"
    say "}"
  fi
}

nats_start() {
  local dir="$DATA/nats" bin pid
  if ! bin=$(find_bin nats-server); then
    install_pkg nats nats-server nats-server
    if nats_info; then
      nats_require_js
      say "nats: answering at $N_AT (packaged service started by apt)"
      SUMMARY+=("nats installed")
      return 0
    fi
    bin=$(find_bin nats-server) || die "nats: nats-server still not found after installing nats-server"
  fi
  mkdir -p "$dir/js"
  if pid=$(pid_from "$dir/nats.pid" nats-server); then
    die "nats: the local instance from $(rel "$dir") (pid $pid) is running but not answering at $N_AT (another port?); run 'bash ops/services.sh stop' first"
  fi
  rm -f "$dir/nats.pid"
  say "nats: not answering at $N_AT; starting a local instance with JetStream (data in $(rel "$dir")/js)"
  (umask 077 && nats_conf "$dir" >"$dir/nats.conf")
  local launch=()
  have setsid && launch=(setsid)
  "${launch[@]}" "$bin" -c "$dir/nats.conf" -P "$dir/nats.pid" -l "$dir/nats.log" \
    </dev/null >>"$dir/nats.out" 2>&1 9>&- &
  wait_for "$WAIT_SECS" nats_info ||
    die "nats: local instance did not answer at $N_AT within ${WAIT_SECS}s; see $dir/nats.log and $dir/nats.out"
  nats_require_js
  pid=$(pid_from "$dir/nats.pid" nats-server || echo '?')
  say "nats: answering at $N_AT with JetStream (started, pid $pid, log $(rel "$dir")/nats.log)"
  SUMMARY+=("nats started")
}

# --------------------------------------------------------------- postgres

pg_parse() {
  if ! parse_url "$DATABASE_URL" 5432 || [[ $U_SCHEME != postgres && $U_SCHEME != postgresql ]]; then
    die "postgres: cannot parse DATABASE_URL='$DATABASE_URL' (expected postgres://user[:pass]@host:port/db)"
  fi
  P_HOST=$U_HOST P_PORT=$U_PORT P_USER=${U_USER:-postgres} P_DB=${U_PATH:-${U_USER:-postgres}}
  P_AT=$(hostport "$P_HOST" "$P_PORT")
  # same credentials and options, against the maintenance database
  local rest=${DATABASE_URL#*://}
  rest=${rest%%[/?#]*}
  P_ADMIN_URL="$U_SCHEME://$rest/postgres$U_QUERY"
}

# pg_ready: rc 0 accepting, 1 rejecting (starting/stopping), 2 no answer
pg_ready() {
  local bin rc=0
  if bin=$(find_bin pg_isready); then
    "$bin" -q -h "$P_HOST" -p "$P_PORT" -t 3 || rc=$?
    ((rc <= 2)) || rc=2
    return "$rc"
  fi
  tcp_open "$P_HOST" "$P_PORT" || return 2
}
pg_accepting() { pg_ready; }

# pg_ensure_db: make sure the URL's database exists and the URL connects
pg_ensure_db() {
  local psql out exists
  if ! psql=$(find_bin psql); then
    pg_ensure_db_node
    return
  fi
  out=$(PGCONNECT_TIMEOUT=5 "$psql" -d "$DATABASE_URL" -XqtA -c 'SELECT 1' 2>&1) && return 0
  exists=$(printf '%s\n' "SELECT 1 FROM pg_database WHERE datname = :'db';" |
    PGCONNECT_TIMEOUT=5 "$psql" -d "$P_ADMIN_URL" -XqtA -v ON_ERROR_STOP=1 -v db="$P_DB" 2>&1) ||
    die "postgres: cannot connect to $DATABASE_URL: ${out//$'\n'/ }"
  [[ $exists == 1 ]] && die "postgres: database $P_DB exists but connecting with DATABASE_URL failed: ${out//$'\n'/ }"
  out=$(printf '%s\n' 'CREATE DATABASE :"db";' |
    PGCONNECT_TIMEOUT=5 "$psql" -d "$P_ADMIN_URL" -XqtA -v ON_ERROR_STOP=1 -v db="$P_DB" 2>&1) ||
    die "postgres: creating database $P_DB failed: ${out//$'\n'/ }"
  say "postgres: created database $P_DB (as $P_USER)"
}

# Without psql: use the project's postgres.js (present after npm ci).
pg_ensure_db_node() {
  local rc=0 out
  if [[ ! -d $ROOT/node_modules/postgres ]]; then
    warn "postgres: cannot check that database $P_DB exists: install psql (Debian package postgresql-client) or run npm ci"
    return 0
  fi
  # shellcheck disable=SC2016 # JavaScript, not shell
  out=$(cd "$ROOT" && node --input-type=module -e '
    import postgres from "postgres";
    const [url, adminUrl, db] = process.argv.slice(1);
    const open = (u) => postgres(u, { max: 1, connect_timeout: 5, onnotice: () => {} });
    let first;
    try { const s = open(url); await s`SELECT 1`; await s.end(); process.exit(0); } catch (e) { first = e; }
    try {
      const a = open(adminUrl);
      const rows = await a`SELECT 1 FROM pg_database WHERE datname = ${db}`;
      if (rows.length) { console.log("exists but connecting failed: " + first.message); process.exit(1); }
      await a.unsafe(`CREATE DATABASE "${db.replaceAll("\"", "\"\"")}"`);
      await a.end();
      process.exit(10);
    } catch (e) { console.log(e.message); process.exit(1); }
  ' "$DATABASE_URL" "$P_ADMIN_URL" "$P_DB" 2>&1) || rc=$?
  case $rc in
    0) ;;
    10) say "postgres: created database $P_DB (as $P_USER)" ;;
    *) die "postgres: database $P_DB at $P_AT: $out" ;;
  esac
}

pg_up() {
  pg_parse
  local rc=0
  pg_ready || rc=$?
  if ((rc == 1)); then
    say "postgres: $P_AT is rejecting connections (starting up?); waiting up to ${WAIT_SECS}s"
    wait_for "$WAIT_SECS" pg_accepting || die "postgres: $P_AT still rejecting connections after ${WAIT_SECS}s"
    rc=0
  fi
  if ((rc == 0)); then
    say "postgres: answering at $P_AT (reused)"
    pg_ensure_db
    SUMMARY+=("postgres reused")
    return 0
  fi
  is_loopback "$P_HOST" ||
    die "postgres: not answering at $P_AT (DATABASE_URL=$DATABASE_URL); it is not a loopback host, so nothing is started"
  take_lock
  if pg_ready; then
    say "postgres: answering at $P_AT (reused, started concurrently)"
    pg_ensure_db
    SUMMARY+=("postgres reused")
    return 0
  fi
  if tcp_open "$P_HOST" "$P_PORT"; then
    die "postgres: something accepts connections at $P_AT but is not a ready PostgreSQL; not starting another server on that port"
  fi
  pg_start
  pg_ensure_db
}

# pg_bindir: directory with initdb and pg_ctl, highest installed version
pg_bindir() {
  local d v best='' best_v=-1
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb && -x $d/pg_ctl ]] || continue
    v=${d%/bin}
    v=${v##*/}
    v=${v%%.*}
    [[ $v =~ ^[0-9]+$ ]] || continue
    if ((v > best_v)); then best=$d best_v=$v; fi
  done
  if [[ -z $best ]] && have initdb && have pg_ctl; then best=$(dirname "$(command -v pg_ctl)"); fi
  [[ -n $best ]] && printf '%s\n' "$best"
}

# as_pg CMD...: PostgreSQL refuses to run as root; use the postgres account
as_pg() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_paths() {
  P_DIR="$DATA/postgres"
  P_PGDATA="$P_DIR/data"
  P_LOG="$P_DIR/log"
  # unix socket paths are limited to ~107 bytes
  P_SOCK="$P_DIR"
  if ((${#P_SOCK} > 80)); then P_SOCK="${TMPDIR:-/tmp}/pallet-pg-$EUID"; fi
}

pg_start() {
  local bin pid
  if ! bin=$(pg_bindir); then
    install_pkg postgres postgresql initdb
    if pg_ready; then
      say "postgres: answering at $P_AT (packaged cluster started by apt)"
      SUMMARY+=("postgres installed")
      return 0
    fi
    bin=$(pg_bindir) || die "postgres: initdb/pg_ctl still not found after installing postgresql"
  fi
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "postgres: running as root but there is no 'postgres' user to run the server as"
  fi
  pg_paths
  mkdir -p "$P_DIR" "$P_SOCK"
  [[ $EUID -eq 0 ]] && chown postgres: "$P_DIR" "$P_SOCK"
  as_pg test -w "$P_DIR" || die "postgres: $(rel "$P_DIR") is not writable by the server's user (parent directories must be searchable)"
  # a postmaster that was just killed may still be exiting: give it 5 s
  if pg_local_running "$bin" && wait_for 5 pg_settled "$bin" && pg_ready; then
    say "postgres: answering at $P_AT (reused local instance from $(rel "$P_PGDATA"))"
    SUMMARY+=("postgres reused")
    return 0
  fi
  if pg_local_running "$bin"; then
    pid=$(head -n1 "$P_PGDATA/postmaster.pid" 2>/dev/null || echo '?')
    die "postgres: the local instance from $(rel "$P_PGDATA") (pid $pid) is running but not answering at $P_AT (another port?); run 'bash ops/services.sh stop' first"
  fi
  if [[ ! -s $P_PGDATA/PG_VERSION ]]; then
    say "postgres: initializing $(rel "$P_PGDATA") (superuser $P_USER, trust auth, UTF8)"
    as_pg "$bin/initdb" -D "$P_PGDATA" -A trust -U "$P_USER" -E UTF8 --locale=C >>"$P_LOG.initdb" 2>&1 ||
      die "postgres: initdb failed; see $P_LOG.initdb"
    printf '%s\n' "$P_USER" >"$P_DIR/superuser"
  fi
  say "postgres: not answering at $P_AT; starting a local instance (data in $(rel "$P_PGDATA"))"
  as_pg "$bin/pg_ctl" -D "$P_PGDATA" -l "$P_LOG" -w -t "$WAIT_SECS" \
    -o "-p $P_PORT -k '$P_SOCK' -c listen_addresses='$(listen_addr "$P_HOST")'" start \
    >>"$P_DIR/pg_ctl.out" 2>&1 9>&- ||
    die "postgres: pg_ctl start failed or timed out after ${WAIT_SECS}s; see $P_LOG and $P_DIR/pg_ctl.out"
  wait_for "$WAIT_SECS" pg_accepting || die "postgres: not answering at $P_AT after ${WAIT_SECS}s; see $P_LOG"
  pg_ensure_role "$bin"
  pid=$(head -n1 "$P_PGDATA/postmaster.pid" 2>/dev/null || echo '?')
  say "postgres: answering at $P_AT (started, pid $pid, log $(rel "$P_LOG"))"
  SUMMARY+=("postgres started")
}

pg_local_running() { as_pg "$1/pg_ctl" -D "$P_PGDATA" status >/dev/null 2>&1; }
pg_settled() { pg_ready || ! pg_local_running "$1"; }

# The data dir may have been initialized for another user than the URL's.
pg_ensure_role() {
  local super
  super=$(cat "$P_DIR/superuser" 2>/dev/null || echo postgres)
  [[ $super == "$P_USER" ]] && return 0
  printf '%s\n' "SELECT count(*) > 0 AS found FROM pg_roles WHERE rolname = :'u' \\gset" \
    '\if :found' '\else' 'CREATE ROLE :"u" LOGIN CREATEDB;' '\echo created' '\endif' |
    as_pg "$1/psql" -h "$P_SOCK" -p "$P_PORT" -U "$super" -d postgres -XqtA -v ON_ERROR_STOP=1 -v u="$P_USER" |
    grep -q created && say "postgres: created role $P_USER in the local instance"
  return 0
}

pg_stop() {
  local bin
  pg_paths
  if [[ ! -s $P_PGDATA/PG_VERSION ]] || ! bin=$(pg_bindir) ||
    ! as_pg "$bin/pg_ctl" -D "$P_PGDATA" status >/dev/null 2>&1; then
    say "postgres: no local instance running from $(rel "$P_PGDATA")"
    SUMMARY+=("postgres not running")
    return 0
  fi
  as_pg "$bin/pg_ctl" -D "$P_PGDATA" -m fast -w -t "$WAIT_SECS" stop >/dev/null ||
    die "postgres: pg_ctl stop failed; see $P_LOG"
  say "postgres: stopped local instance ($(rel "$P_PGDATA"))"
  SUMMARY+=("postgres stopped")
}

# ------------------------------------------------------------- durability
# Whether the Redis and PostgreSQL found or started keep an acknowledged write
# (a 2xx) across a restart. Reported only: `pallet serve` checks again at start
# (Redis also after every reconnect) and PALLET_REQUIRE_DURABLE=1 refuses to
# serve on settings that are not durable.

# redis_config_get NAME: prints the value; rc 1 (reason printed) when it cannot be read
redis_config_get() {
  local cli out args=(--no-auth-warning -h "$R_HOST" -p "$R_PORT") auth=()
  cli=$(find_bin redis-cli) || { printf 'redis-cli not installed'; return 1; }
  ((R_TLS)) && args+=(--tls)
  if [[ -n $R_PASS ]]; then
    auth=("REDISCLI_AUTH=$R_PASS")
    [[ -n $R_USER ]] && args+=(--user "$R_USER")
  fi
  out=$(env "${auth[@]}" timeout 5 "$cli" "${args[@]}" config get "$1" 2>&1) || true
  out=${out//$'\r'/}
  # "NAME\nVALUE"; a renamed/disabled CONFIG or an ACL answers an error line
  if [[ $out == "$1"$'\n'* ]]; then printf '%s' "${out#*$'\n'}"; return 0; fi
  printf 'CONFIG GET refused: %s' "${out//$'\n'/ }"
  return 1
}

# durability_note SERVICE TEXT: add TEXT to SERVICE's summary item ("redis reused [TEXT]")
durability_note() {
  local i
  for i in "${!SUMMARY[@]}"; do
    if [[ ${SUMMARY[i]} == "$1 "* ]]; then SUMMARY[i]+=" [$2]"; fi
  done
}

redis_durability() {
  local ao af
  if ! ao=$(redis_config_get appendonly) || ! af=$(redis_config_get appendfsync); then
    warn "redis: persistence unknown (${ao:-$af}); cannot tell whether a 2xx survives a Redis restart"
    durability_note redis "persistence unknown: NOT known durable"
  elif [[ $ao != yes ]]; then
    warn "redis: appendonly=$ao: no append-only file; a Redis restart loses every write since the last snapshot, so a 2xx is NOT durable (PALLET_REQUIRE_DURABLE=1 refuses to serve on it)"
    durability_note redis "appendonly=$ao appendfsync=$af: NOT durable"
  elif [[ $af == always || $af == everysec ]]; then
    local caveat=''
    [[ $af == everysec ]] && caveat=' (a power loss can lose up to ~1 s)'
    say "redis: appendonly=yes appendfsync=$af: a 2xx is durable$caveat"
    durability_note redis "appendonly=yes appendfsync=$af: durable"
  else
    warn "redis: appendfsync=$af: the OS flushes the append-only file when it likes; a power loss can lose acknowledged writes, so a 2xx is NOT durable"
    durability_note redis "appendonly=yes appendfsync=$af: NOT durable"
  fi
}

pg_durability() {
  local psql out fs sc
  if ! psql=$(find_bin psql); then
    warn "postgres: fsync/synchronous_commit unknown (psql not installed)"
    durability_note postgres "persistence unknown"
    return 0
  fi
  if ! out=$(PGCONNECT_TIMEOUT=5 "$psql" -d "$DATABASE_URL" -XqtA -c 'SHOW fsync' -c 'SHOW synchronous_commit' 2>&1); then
    warn "postgres: fsync/synchronous_commit unknown (${out//$'\n'/ })"
    durability_note postgres "persistence unknown"
    return 0
  fi
  fs=${out%%$'\n'*} sc=${out#*$'\n'}
  if [[ $fs == on && $sc != off ]]; then
    say "postgres: fsync=$fs synchronous_commit=$sc: a commit is durable"
    durability_note postgres "fsync=$fs synchronous_commit=$sc: durable"
  else
    warn "postgres: fsync=$fs synchronous_commit=$sc: a crash can lose committed transactions, so a 2xx is NOT durable (PALLET_REQUIRE_DURABLE=1 refuses to serve on it)"
    durability_note postgres "fsync=$fs synchronous_commit=$sc: NOT durable"
  fi
}

# ---------------------------------------------------------------- status

status_all() {
  local ok=0 pid bin urls url answering
  split_list urls "$REDIS_URL"
  answering=0
  for url in "${urls[@]}"; do
    redis_parse "$url"
    if redis_ping; then say "redis: answering at $R_AT"; ((answering += 1)); else say "redis: NOT answering at $R_AT (${R_REPLY:-no reply})"; fi
  done
  # a cluster needs one seed to answer (the client finds the rest); one server must answer itself
  ((answering > 0)) || ok=1
  if pid=$(pid_from "$DATA/redis/redis.pid" redis-server); then say "redis: local instance running from .data/redis (pid $pid)"; fi
  split_list urls "$NATS_URL"
  answering=0
  for url in "${urls[@]}"; do
    nats_parse "$url"
    if nats_info; then
      if [[ $N_INFO == *'"jetstream":true'* ]]; then say "nats: answering at $N_AT with JetStream"; ((answering += 1)); else say "nats: answering at $N_AT WITHOUT JetStream"; ok=1; fi
    else
      say "nats: NOT answering at $N_AT"
    fi
  done
  ((answering > 0)) || ok=1
  if pid=$(pid_from "$DATA/nats/nats.pid" nats-server); then say "nats: local instance running from .data/nats (pid $pid)"; fi
  pg_parse
  if pg_ready; then say "postgres: answering at $P_AT"; else say "postgres: NOT answering at $P_AT"; ok=1; fi
  pg_paths
  if [[ -s $P_PGDATA/PG_VERSION ]] && bin=$(pg_bindir) && as_pg "$bin/pg_ctl" -D "$P_PGDATA" status >/dev/null 2>&1; then
    say "postgres: local instance running from .data/postgres/data (pid $(head -n1 "$P_PGDATA/postmaster.pid"))"
  fi
  if ((ok == 0)); then say "services: all answering"; else say "services: some services are not answering"; fi
  return "$ok"
}

# ------------------------------------------------------------------ main

summary() {
  local out="" item
  for item in "${SUMMARY[@]}"; do out+="${out:+, }$item"; done
  say "services: $1${out:+ ($out)}"
}

# on a failed bring-up, still end with a summary line
on_exit() {
  local rc=$?
  ((rc == 0)) || summary "NOT ready" >&2
  return "$rc"
}

main() {
  case ${1:-up} in
    up | start)
      trap on_exit EXIT
      redis_up
      nats_up
      pg_up
      redis_durability
      pg_durability
      trap - EXIT
      summary ready
      ;;
    stop)
      stop_pid redis "$DATA/redis/redis.pid" redis-server
      stop_pid nats "$DATA/nats/nats.pid" nats-server
      pg_stop
      summary "done"
      ;;
    status) status_all ;;
    -h | --help | help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "usage: bash ops/services.sh [up|status|stop]" ;;
  esac
}

main "$@"
