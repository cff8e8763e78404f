#!/usr/bin/env bash
# Local PostgreSQL, Elasticsearch and Redis for development and CI.
#
#   scripts/services.sh start [postgres|elasticsearch|redis]
#   scripts/services.sh stop [postgres|elasticsearch|redis]
#   scripts/services.sh status
#
# `start` prints `export DATABASE_URL=...` / `export ELASTICSEARCH_URL=...` /
# `export TEST_REDIS_URL=...` on stdout (use: eval "$(scripts/services.sh
# start)") and writes them to $PORTAL_SERVICES_DIR/env; progress goes to stderr.
# With CI=true a service that fails is fatal; otherwise only PostgreSQL is, and
# the URL of a missing service is omitted.
#
# Redis serves only the tests of the Redis cache, hence TEST_REDIS_URL rather
# than REDIS_URL: the rest of the suite keeps a local cache per process.
#
# Elasticsearch gets the analysis plugin of search/es_plugin (french analyzer,
# elision, stemmer, synonyms, n-grams: the integ-test distribution has none),
# built with Maven when its sources change and installed before the node starts;
# a running node with an outdated plugin is restarted. If the plugin cannot be
# built or installed, CI=true fails; otherwise the node starts without it.
#
# Environment: PORTAL_SERVICES_DIR (/var/tmp/portal-services), PORTAL_PG_PORT
# (55432), PORTAL_ES_PORT (59200), PORTAL_ES_TRANSPORT_PORT (59300),
# PORTAL_REDIS_PORT (56379),
# PORTAL_ES_VERSION (8.19.21), PORTAL_ES_TIMEOUT (120 s), ES_JAVA_HOME (default:
# the machine's java), PORTAL_ES_FALLBACK_JAVA_HOME (Temurin 25), PORTAL_PG_BIN.
set -euo pipefail

STATE=${PORTAL_SERVICES_DIR:-/var/tmp/portal-services}
PG_PORT=${PORTAL_PG_PORT:-55432}
ES_PORT=${PORTAL_ES_PORT:-59200}
REDIS_PORT=${PORTAL_REDIS_PORT:-56379}
ES_TRANSPORT_PORT=${PORTAL_ES_TRANSPORT_PORT:-59300}
ES_VERSION=${PORTAL_ES_VERSION:-8.19.21}
ES_TIMEOUT=${PORTAL_ES_TIMEOUT:-120}
ES_FALLBACK_JAVA=${PORTAL_ES_FALLBACK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SVC_USER=portalsvc
PLUGIN_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/search/es_plugin
PLUGIN=portal-analysis

ES_ARTIFACT=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip
PG_DIR=$STATE/postgres
PG_DATA=$PG_DIR/data
PG_LOG=$PG_DIR/postgres.log
ES_DIR=$STATE/elasticsearch
ES_HOME=$ES_DIR/elasticsearch-$ES_VERSION
# Keyed by version: an index written by one version may not open in another.
ES_DATA=$ES_DIR/data-$ES_VERSION
ES_LOGS=$ES_DIR/logs
ES_PIDFILE=$ES_DIR/es.pid
ES_OUT=$ES_LOGS/startup.log
# The plugin: Maven's build directory, the zip it made and the checksum of the
# sources it was made from, the checksum of the zip installed in $ES_HOME, and
# that of the zip the running node was started with.
PLUGIN_BUILD=$ES_DIR/plugin-build
PLUGIN_ZIP=$ES_DIR/$PLUGIN.zip
PLUGIN_BUILT=$ES_DIR/$PLUGIN.built
PLUGIN_INSTALLED=$ES_DIR/$PLUGIN.installed
ES_PLUGIN_RUNNING=$ES_DIR/es.plugin
REDIS_DIR=$STATE/redis
REDIS_PIDFILE=$REDIS_DIR/redis.pid
REDIS_LOG=$REDIS_DIR/redis.log
ENV_FILE=$STATE/env

DATABASE_URL=postgres://portal:portal@127.0.0.1:$PG_PORT/portal
ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT
TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0

# Only the export lines may reach stdout: keep it on fd 3, send the rest to stderr.
exec 3>&1 1>&2

log() { printf 'services: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}
is_ci() { [[ ${CI:-} == true || ${CI:-} == 1 ]]; }
now_ms() { date +%s%3N; }
since() {
    local ms=$(($(now_ms) - $1))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

for _port in "$PG_PORT" "$ES_PORT" "$ES_TRANSPORT_PORT" "$REDIS_PORT" "$ES_TIMEOUT"; do
    [[ $_port =~ ^[0-9]+$ ]] || die "not a number: '$_port'"
done

if ((EUID != 0)); then
    SVC_USER=$(id -un)
fi

as_svc() {
    if ((EUID == 0)); then
        runuser -u "$SVC_USER" -- "$@"
    else
        "$@"
    fi
}

# Servers must not inherit our stdout copy, the lock or a caller's pipe: a server
# holding one would make `$(services.sh start)` or `... | tee` wait forever.
as_svc_detached() {
    (
        for fd in /proc/self/fd/*; do
            fd=${fd##*/}
            if ((fd > 2)); then
                exec {fd}>&-
            fi
        done 2>/dev/null
        as_svc "$@" </dev/null
    )
}

show_tail() {
    local f
    for f in "$@"; do
        if [[ -s $f ]]; then
            log "---- last lines of $f"
            tail -n 25 "$f" >&2
        fi
    done
}

prepare_state() {
    if ((EUID == 0)); then
        if ! id -u "$SVC_USER" >/dev/null 2>&1; then
            log "creating system user $SVC_USER"
            useradd --system --user-group --no-create-home --home-dir "$STATE" \
                --shell /usr/sbin/nologin "$SVC_USER"
        fi
        install -d -o "$SVC_USER" -g "$SVC_USER" -m 0755 "$STATE"
    else
        mkdir -p "$STATE"
    fi
    # shellcheck disable=SC2016 # $1 is expanded by the inner shell
    as_svc sh -c 'test -w "$1" && test -x "$1"' _ "$STATE" ||
        die "$SVC_USER cannot use $STATE (is a parent directory private?)"
    as_svc mkdir -p "$PG_DIR" "$ES_DIR" "$ES_LOGS" "$ES_DIR/tmp" "$REDIS_DIR"
    take_lock
    cd "$STATE"
}

take_lock() {
    exec 9>>"$STATE/.lock"
    if ! flock -n 9; then
        log "waiting for another services.sh to finish"
        flock -w 600 9 || die "another services.sh still holds $STATE/.lock"
    fi
}

# ---------------------------------------------------------------- PostgreSQL

# Sets PG_BIN; prefers the binaries matching an existing cluster.
find_pg_bin() {
    local v newest
    if [[ -n ${PORTAL_PG_BIN:-} ]]; then
        PG_BIN=$PORTAL_PG_BIN
        return 0
    fi
    if [[ -r $PG_DATA/PG_VERSION ]]; then
        v=$(<"$PG_DATA/PG_VERSION")
        if [[ -x /usr/lib/postgresql/$v/bin/initdb ]]; then
            PG_BIN=/usr/lib/postgresql/$v/bin
            return 0
        fi
    fi
    newest=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
    if [[ -x $newest ]]; then
        PG_BIN=${newest%/initdb}
        return 0
    fi
    if command -v pg_config >/dev/null && [[ -x $(pg_config --bindir)/initdb ]]; then
        PG_BIN=$(pg_config --bindir)
        return 0
    fi
    return 1
}

install_postgres() {
    ((EUID == 0)) || die "PostgreSQL server binaries not found: install postgresql"
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q postgresql; then
        apt-get update -q || die "apt-get update failed"
        apt-get install -y -q postgresql || die "apt-get install postgresql failed"
    fi
    find_pg_bin || die "postgresql installed but initdb is still missing"
}

pg_pid() {
    local pid
    [[ -r $PG_DATA/postmaster.pid ]] || return 1
    pid=$(head -n 1 "$PG_DATA/postmaster.pid")
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/comm ]] || return 1
    [[ $(<"/proc/$pid/comm") == postgres ]] || return 1
    echo "$pid"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }

pg_fail() {
    log "ERROR: postgres failed to start: $*"
    show_tail "$PG_DIR/initdb.log" "$PG_LOG"
    exit 1
}

init_postgres() {
    local locale=C
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
        locale=C.UTF-8
    fi
    log "initdb $PG_DATA (UTF8, $locale)"
    as_svc rm -rf "$PG_DATA"
    as_svc "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale="$locale" \
        --auth-local=trust --auth-host=trust >"$PG_DIR/initdb.log" 2>&1 ||
        pg_fail "initdb failed"
    echo "include_if_exists = 'portal.conf'" |
        as_svc tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

write_pg_conf() {
    as_svc tee "$PG_DATA/portal.conf" >/dev/null <<EOF
# Rewritten by scripts/services.sh at every start.
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

ensure_pg_objects() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" \
        -U postgres -d postgres >/dev/null <<'SQL' || pg_fail "cannot create role/db"
SELECT 'CREATE ROLE portal'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal') \gexec
ALTER ROLE portal LOGIN CREATEDB PASSWORD 'portal';
SELECT 'CREATE DATABASE portal OWNER portal'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'portal') \gexec
SQL
}

start_postgres() {
    local t0 i have want
    t0=$(now_ms)
    find_pg_bin || install_postgres
    if pg_pid >/dev/null && pg_ready; then
        ensure_pg_objects
        log "postgres ready in $(since "$t0") s (already running)"
        return 0
    fi
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        init_postgres
    fi
    have=$(<"$PG_DATA/PG_VERSION")
    want=$("$PG_BIN/initdb" --version | sed -E 's/.* ([0-9]+)[.].*/\1/')
    [[ $have == "$want" ]] ||
        pg_fail "$PG_DATA is a PostgreSQL $have cluster, binaries are $want; delete it"
    write_pg_conf
    if pg_pid >/dev/null; then
        log "postgres runs but does not answer on port $PG_PORT: restarting"
        as_svc_detached "$PG_BIN/pg_ctl" restart -D "$PG_DATA" -l "$PG_LOG" \
            -m fast -w -t 60 -s || pg_fail "pg_ctl restart failed"
    else
        as_svc_detached "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s ||
            pg_fail "pg_ctl start failed"
    fi
    for ((i = 0; i < 60; i++)); do
        pg_ready && break
        sleep 0.5
    done
    pg_ready || pg_fail "pg_isready still fails on 127.0.0.1:$PG_PORT"
    ensure_pg_objects
    log "postgres ready in $(since "$t0") s"
}

stop_postgres() {
    if ! pg_pid >/dev/null; then
        log "postgres not running"
        return 0
    fi
    find_pg_bin || die "postgres runs but pg_ctl is not found"
    as_svc "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 -s
    log "postgres stopped"
}

# ------------------------------------------------------------- Elasticsearch

es_pid() {
    local pid
    [[ -r $ES_PIDFILE ]] || return 1
    pid=$(<"$ES_PIDFILE")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    grep -qa org.elasticsearch "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

es_get() { curl -fsS --max-time 30 "$ELASTICSEARCH_URL$1" 2>/dev/null; }

es_healthy() {
    es_get "/_cluster/health?wait_for_status=yellow&timeout=${1}s" >/dev/null
}

es_version() { es_get '/_cat/nodes?h=version' | tr -d '[:space:]'; }

# $1: message; other args: logs to show (default: the startup and server logs).
es_fail() {
    log "ERROR: elasticsearch failed to start: $1"
    shift
    if (($# == 0)); then
        set -- "$ES_OUT" "$ES_LOGS/portal.log"
    fi
    show_tail "$@"
}

install_es() {
    local dl=$ES_DIR/download tmp=$ES_DIR/unzip.tmp
    [[ -x $ES_HOME/bin/elasticsearch ]] && return 0
    command -v mvn >/dev/null || {
        es_fail "mvn is not installed" /dev/null
        return 1
    }
    rm -rf "$dl" "$tmp"
    mkdir -p "$dl"
    log "fetching $ES_ARTIFACT with maven"
    # From $dl, so that a pom.xml in the caller's directory is not picked up.
    if ! (cd "$dl" && mvn -B -q -Dstyle.color=never dependency:copy \
        -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$dl") >"$ES_LOGS/maven.log" 2>&1
    then
        es_fail "maven could not fetch $ES_ARTIFACT" "$ES_LOGS/maven.log"
        rm -rf "$dl"
        return 1
    fi
    if ! unzip -q "$dl/elasticsearch-$ES_VERSION.zip" -d "$tmp"; then
        es_fail "could not unzip the distribution" /dev/null
        return 1
    fi
    if ((EUID == 0)); then
        chown -R "$SVC_USER:$SVC_USER" "$tmp"
    fi
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME" || return 1
    rm -rf "$dl" "$tmp"
}

# $1: message; other args: logs to show.
plugin_fail() {
    if is_ci; then
        es_fail "$1" "${@:2}" /dev/null
    else
        log "WARNING: $1; starting elasticsearch without $PLUGIN"
        if (($# > 1)); then
            show_tail "${@:2}"
        fi
    fi
}

# Checksum of the plugin's sources and of the Elasticsearch it is built for.
plugin_sources_sum() {
    (
        cd "$PLUGIN_SRC"
        find . -path ./target -prune -o -type f -print0 | LC_ALL=C sort -z |
            xargs -0 sha256sum
        echo "$ES_VERSION"
    ) | sha256sum | cut -d' ' -f1
}

# Builds $PLUGIN_ZIP unless it was built from the current sources.
build_plugin() {
    local t0 sum
    t0=$(now_ms)
    sum=$(plugin_sources_sum)
    if [[ -f $PLUGIN_ZIP && -f $PLUGIN_BUILT && $(<"$PLUGIN_BUILT") == "$sum" ]]; then
        return 0
    fi
    command -v mvn >/dev/null || {
        plugin_fail "mvn is not installed: cannot build $PLUGIN"
        return 1
    }
    log "building $PLUGIN with maven"
    rm -f "$PLUGIN_BUILT"
    if ! (cd "$PLUGIN_SRC" && mvn -q -B -Dstyle.color=never clean package \
        -Des.version="$ES_VERSION" -Dportal.build.dir="$PLUGIN_BUILD") \
        >"$ES_LOGS/plugin-build.log" 2>&1; then
        plugin_fail "could not build $PLUGIN" "$ES_LOGS/plugin-build.log"
        return 1
    fi
    cp "$PLUGIN_BUILD/$PLUGIN.zip" "$PLUGIN_ZIP.tmp" && mv "$PLUGIN_ZIP.tmp" "$PLUGIN_ZIP"
    echo "$sum" >"$PLUGIN_BUILT"
    log "built $PLUGIN in $(since "$t0") s"
}

# (Re)installs $PLUGIN_ZIP into $ES_HOME, owned by the service user, if it changed.
install_plugin() {
    local sum dir=$ES_HOME/plugins/$PLUGIN tmp=$ES_DIR/$PLUGIN.unzip
    sum=$(sha256sum "$PLUGIN_ZIP" | cut -d' ' -f1)
    if [[ -f $dir/plugin-descriptor.properties && -f $PLUGIN_INSTALLED &&
        $(<"$PLUGIN_INSTALLED") == "$sum" ]]; then
        return 0
    fi
    log "installing $PLUGIN into $ES_HOME"
    rm -f "$PLUGIN_INSTALLED"
    rm -rf "$tmp" "$dir"
    # Unpacked beside, then moved: the node takes any folder in plugins/ for a plugin.
    if unzip -q "$PLUGIN_ZIP" -d "$tmp" &&
        grep -qxF "elasticsearch.version=$ES_VERSION" "$tmp/plugin-descriptor.properties" &&
        { ((EUID != 0)) || chown -R "$SVC_USER:$SVC_USER" "$tmp"; } &&
        mv "$tmp" "$dir"; then
        echo "$sum" >"$PLUGIN_INSTALLED"
        return 0
    fi
    rm -rf "$tmp" "$dir"
    plugin_fail "could not install $PLUGIN from $PLUGIN_ZIP"
    return 1
}

# Sets PLUGIN_WANTED to the checksum of the installed plugin, or to none.
prepare_plugin() {
    PLUGIN_WANTED=none
    if build_plugin && install_plugin; then
        PLUGIN_WANTED=$(<"$PLUGIN_INSTALLED")
        return 0
    fi
    rm -f "$PLUGIN_INSTALLED"
    rm -rf "$ES_HOME/plugins/$PLUGIN"
    ! is_ci
}

plugin_running() { cat "$ES_PLUGIN_RUNNING" 2>/dev/null || echo none; }

# $1: Java home. Returns when the node has started (or failed to).
es_launch() {
    local settings=(
        -Ecluster.name=portal -Enode.name=portal
        -Ediscovery.type=single-node -Enetwork.host=127.0.0.1
        -Ehttp.port="$ES_PORT" -Etransport.port="$ES_TRANSPORT_PORT"
        -Epath.data="$ES_DATA" -Epath.logs="$ES_LOGS"
        -Ecluster.routing.allocation.disk.threshold_enabled=false
        -Eaction.destructive_requires_name=false
    )
    # ES refuses settings of modules it does not have, so add only known ones.
    if [[ -d $ES_HOME/modules/x-pack-security ]]; then
        settings+=(-Expack.security.enabled=false)
    fi
    if [[ -d $ES_HOME/modules/x-pack-ml ]]; then
        settings+=(-Expack.ml.enabled=false)
    fi
    if [[ -d $ES_HOME/modules/ingest-geoip ]]; then
        settings+=(-Eingest.geoip.downloader.enabled=false)
    fi
    rm -f "$ES_PIDFILE"
    echo "$PLUGIN_WANTED" >"$ES_PLUGIN_RUNNING"
    # cwd = logs: the JVM writes hs_err and heap dumps to its working directory.
    (cd "$ES_LOGS" && as_svc_detached env ES_JAVA_HOME="$1" ES_TMPDIR="$ES_DIR/tmp" \
        ES_JAVA_OPTS="-Xms512m -Xmx512m" \
        "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE" "${settings[@]}") \
        >"$ES_OUT" 2>&1
}

# The french analyzer answers (and stems) once the plugin is loaded.
es_check_analysis() {
    local body='{"analyzer":"french","text":"Les écoles"}'
    if curl -fsS --max-time 10 -H 'Content-Type: application/json' \
        -d "$body" "$ELASTICSEARCH_URL/_analyze" 2>/dev/null | grep -q '"token":"ecol"'
    then
        return 0
    fi
    if [[ $PLUGIN_WANTED == none ]]; then
        log "WARNING: no 'french' analyzer: $PLUGIN is not installed"
        return 0
    fi
    if is_ci; then
        es_fail "the 'french' analyzer does not answer although $PLUGIN is installed"
        return 1
    fi
    log "WARNING: the 'french' analyzer does not answer although $PLUGIN is installed"
}

start_elasticsearch() {
    local t0 java deadline port
    t0=$(now_ms)
    install_es || return 1
    prepare_plugin || return 1
    if es_pid >/dev/null && [[ $(plugin_running) == "$PLUGIN_WANTED" ]] &&
        [[ $(es_version) == "$ES_VERSION" ]] && es_healthy 10; then
        es_check_analysis || return 1
        log "elasticsearch ready in $(since "$t0") s (already running)"
        return 0
    fi
    if es_pid >/dev/null; then
        if [[ $(plugin_running) != "$PLUGIN_WANTED" ]]; then
            log "elasticsearch runs with another $PLUGIN build: restarting"
        else
            log "elasticsearch runs but is unhealthy or not $ES_VERSION: restarting"
        fi
        stop_elasticsearch
    fi
    for port in "$ES_PORT" "$ES_TRANSPORT_PORT"; do
        if (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            es_fail "port $port is already in use by another program" /dev/null
            return 1
        fi
    done
    java=${ES_JAVA_HOME:-}
    if [[ -z $java ]] && command -v java >/dev/null; then
        java=$(readlink -f "$(command -v java)")
        java=${java%/bin/java}
    fi
    if [[ -z $java ]]; then
        java=$ES_FALLBACK_JAVA
    fi
    log "starting elasticsearch $ES_VERSION with $java"
    if ! es_launch "$java"; then
        if [[ -z ${ES_JAVA_HOME:-} && -x $ES_FALLBACK_JAVA/bin/java &&
            $ES_FALLBACK_JAVA != "$java" ]]; then
            show_tail "$ES_OUT"
            java=$ES_FALLBACK_JAVA
            log "elasticsearch failed on the default Java; falling back to $java"
            es_launch "$java" || {
                es_fail "bin/elasticsearch exited with an error"
                return 1
            }
        else
            es_fail "bin/elasticsearch exited with an error"
            return 1
        fi
    fi
    deadline=$((SECONDS + ES_TIMEOUT))
    until es_healthy 5; do
        if ! es_pid >/dev/null || ((SECONDS >= deadline)); then
            es_fail "cluster not yellow within ${ES_TIMEOUT}s"
            stop_elasticsearch
            return 1
        fi
        sleep 1
    done
    log "elasticsearch ready in $(since "$t0") s:" \
        "$(es_get '/_cat/nodes?h=version,jdk' | sed 's/ *$//;s/ / on Java /')"
    es_check_analysis || {
        stop_elasticsearch
        return 1
    }
}

stop_elasticsearch() {
    local pid i
    if ! pid=$(es_pid); then
        log "elasticsearch not running"
        return 0
    fi
    kill -TERM "$pid"
    for ((i = 0; i < 600; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "elasticsearch ignored SIGTERM for 60 s: killing it"
        kill -KILL "$pid"
    fi
    rm -f "$ES_PIDFILE" "$ES_PLUGIN_RUNNING"
    log "elasticsearch stopped"
}

# --------------------------------------------------------------------- main

# $1: yes/no = elasticsearch was just started/failed; probe = look whether it runs.
# $2: quiet = only write the file.
# ---------------------------------------------------------------- Redis

install_redis() {
    if ((EUID != 0)); then
        log "redis-server not found: install redis-server"
        return 1
    fi
    log "installing redis-server with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q redis-server ||
        { apt-get update -q && apt-get install -y -q redis-server; }
}

redis_pid() {
    local pid
    [[ -r $REDIS_PIDFILE ]] || return 1
    pid=$(<"$REDIS_PIDFILE")
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/comm ]] || return 1
    [[ $(<"/proc/$pid/comm") == redis-server* ]] || return 1
    echo "$pid"
}

redis_ready() {
    [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

# A cache for tests: no persistence, nothing survives a stop.
start_redis() {
    local t0 i
    t0=$(now_ms)
    command -v redis-server >/dev/null || install_redis || return 1
    if redis_pid >/dev/null && redis_ready; then
        log "redis ready in $(since "$t0") s (already running)"
        return 0
    fi
    as_svc_detached redis-server --port "$REDIS_PORT" --bind 127.0.0.1 \
        --daemonize yes --dir "$REDIS_DIR" --pidfile "$REDIS_PIDFILE" \
        --logfile "$REDIS_LOG" --save "" --appendonly no || {
        show_tail "$REDIS_LOG"
        return 1
    }
    for ((i = 0; i < 100; i++)); do
        if redis_ready; then
            log "redis ready in $(since "$t0") s: $(redis-server --version | cut -d' ' -f3 | cut -d= -f2)"
            return 0
        fi
        sleep 0.1
    done
    log "redis does not answer on port $REDIS_PORT"
    show_tail "$REDIS_LOG"
    return 1
}

stop_redis() {
    local pid i
    if ! pid=$(redis_pid); then
        log "redis: not running"
        return 0
    fi
    kill "$pid"
    for ((i = 0; i < 100; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "redis stopped"
            return 0
        fi
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    log "redis killed"
}

write_env() {
    local lines=() es=$1 tmp=$ENV_FILE.tmp
    if pg_pid >/dev/null && find_pg_bin && pg_ready; then
        lines+=("export DATABASE_URL=$DATABASE_URL")
    fi
    if [[ $es == probe ]] && es_pid >/dev/null && es_healthy 2; then
        es=yes
    fi
    if [[ $es == yes ]]; then
        lines+=("export ELASTICSEARCH_URL=$ELASTICSEARCH_URL")
    fi
    if redis_pid >/dev/null && redis_ready; then
        lines+=("export TEST_REDIS_URL=$TEST_REDIS_URL")
    fi
    : >"$tmp"
    if ((${#lines[@]} > 0)); then
        printf '%s\n' "${lines[@]}" >"$tmp"
    fi
    mv "$tmp" "$ENV_FILE"
    if [[ ${2:-} != quiet ]]; then
        cat "$ENV_FILE" >&3
    fi
}

cmd_start() {
    local what=${1:-all} es=probe
    prepare_state
    if [[ $what == all || $what == postgres ]]; then
        start_postgres
    fi
    if [[ $what == all || $what == elasticsearch ]]; then
        if start_elasticsearch; then
            es=yes
        elif is_ci; then
            die "elasticsearch failed to start (CI=true); logs in $ES_LOGS"
        else
            log "WARNING: continuing without elasticsearch (no ELASTICSEARCH_URL)"
            es=no
        fi
    fi
    if [[ $what == all || $what == redis ]] && ! start_redis; then
        is_ci && die "redis failed to start (CI=true); log in $REDIS_LOG"
        log "WARNING: continuing without redis (no TEST_REDIS_URL)"
    fi
    write_env "$es"
}

cmd_stop() {
    local what=${1:-all}
    if [[ ! -d $STATE ]]; then
        log "nothing to stop: $STATE does not exist"
        return 0
    fi
    take_lock
    cd "$STATE"
    if [[ $what == all || $what == elasticsearch ]]; then
        stop_elasticsearch
    fi
    if [[ $what == all || $what == postgres ]]; then
        stop_postgres
    fi
    if [[ $what == all || $what == redis ]]; then
        stop_redis
    fi
    write_env probe quiet
}

cmd_status() {
    local pid ready=no health
    if pid=$(pg_pid); then
        if find_pg_bin && pg_ready; then
            ready=yes
        fi
        echo "postgres: running (pid $pid), ready=$ready, $DATABASE_URL" >&3
    else
        echo "postgres: stopped" >&3
    fi
    if pid=$(es_pid); then
        health=$(es_get '/_cluster/health?filter_path=status' |
            sed -E 's/.*"status":"([a-z]+)".*/\1/') || health=unreachable
        echo "elasticsearch: running (pid $pid), $(es_version), status=$health," \
            "$ELASTICSEARCH_URL" >&3
    else
        echo "elasticsearch: stopped" >&3
    fi
    if pid=$(redis_pid); then
        echo "redis: running (pid $pid), $TEST_REDIS_URL" >&3
    else
        echo "redis: stopped" >&3
    fi
    echo "state: $STATE" >&3
}

usage() {
    echo "usage: $0 start|stop [postgres|elasticsearch|redis] | status" >&2
    exit 2
}

case ${2:-all} in
all | postgres | elasticsearch | redis) ;;
*) usage ;;
esac
case ${1:-} in
start) cmd_start "${2:-all}" ;;
stop) cmd_stop "${2:-all}" ;;
status) cmd_status ;;
*) usage ;;
esac
