#!/usr/bin/env bash
# Start a throwaway Virtuoso Open Source server on 127.0.0.1 for the RemoteStore integration tests.
#
#   .ci/virtuoso.sh            install (Debian package) if needed, start, wait, grant SPARQL_UPDATE
#   .ci/virtuoso.sh stop       stop the server started by this script (and remove the db directory it made)
#
# Prints the export line the tests read:  DIPLOKG_TEST_VIRTUOSO_URL=http://127.0.0.1:8890/sparql
# Environment: VIRTUOSO_DIR (db directory, default a fresh mktemp dir), VIRTUOSO_HTTP_PORT (8890),
#              VIRTUOSO_SQL_PORT (1111).
# Why a private ini and db directory: the Debian package's system database and its debconf-set dba
# password stay untouched; a fresh database always has the documented default dba/dba account.
set -euo pipefail

HTTP_PORT="${VIRTUOSO_HTTP_PORT:-8890}"
SQL_PORT="${VIRTUOSO_SQL_PORT:-1111}"
STATE_FILE="${TMPDIR:-/tmp}/diplokg-virtuoso.dir"

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$STATE_FILE" ]]; then
    dir="$(sed -n 1p "$STATE_FILE")"
    isql-vt "$SQL_PORT" dba dba exec="shutdown();" >/dev/null 2>&1 || true
    # The lock file holds VIRT_PID=<pid> while the server runs; kill only that process if shutdown failed.
    sleep 2
    if [[ -f "$dir/virtuoso.lck" ]]; then
      pid="$(sed -n 's/^VIRT_PID=//p' "$dir/virtuoso.lck")"
      [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    fi
    # A database directory this script made (not one given as VIRTUOSO_DIR) goes with its server.
    [[ "$(sed -n 2p "$STATE_FILE")" == "made" ]] && rm -rf "$dir"
    rm -f "$STATE_FILE"
  fi
  exit 0
fi

SUDO=""
[[ "$(id -u)" != "0" ]] && SUDO="sudo"

if ! command -v virtuoso-t >/dev/null 2>&1; then
  # The package asks for a dba password through debconf; preseed it so the install never prompts.
  printf '%s\n' \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" \
    | $SUDO debconf-set-selections
  $SUDO apt-get update -q
  # policy-rc.d 101: the package must not start its own system instance on our ports.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q virtuoso-opensource
fi

URL="http://127.0.0.1:$HTTP_PORT/sparql"
# Already running (an earlier call of this script): reuse it rather than fight over the ports.
if curl -fsS -o /dev/null "$URL?query=ASK%7B%7D" 2>/dev/null; then
  echo "virtuoso: already answering at $URL" >&2
  echo "DIPLOKG_TEST_VIRTUOSO_URL=$URL"
  exit 0
fi

VSP_ROOT=/var/lib/virtuoso-opensource-7/vsp
VAD_DIR=/usr/share/virtuoso-opensource-7/vad
MADE=""
[[ -z "${VIRTUOSO_DIR:-}" ]] && MADE="made"
DIR="${VIRTUOSO_DIR:-$(mktemp -d -t diplokg-virtuoso.XXXXXX)}"
mkdir -p "$DIR"

cat > "$DIR/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $DIR/virtuoso.db
ErrorLogFile       = $DIR/virtuoso.log
LockFile           = $DIR/virtuoso.lck
TransactionFile    = $DIR/virtuoso.trx
xa_persistent_file = $DIR/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $DIR/virtuoso-temp.db
TransactionFile    = $DIR/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:$SQL_PORT
DisableTcpSocket   = 0
NumberOfBuffers    = 20000
MaxDirtyBuffers    = 15000
DirsAllowed        = ., $DIR, $VAD_DIR
VADInstallDir      = $VAD_DIR/
CheckpointInterval = 60

[HTTPServer]
ServerPort             = 127.0.0.1:$HTTP_PORT
ServerRoot             = $VSP_ROOT
MaxClientConnections   = 10
ServerThreads          = 10
EnabledDavVSP          = 0

[SPARQL]
ResultSetMaxRows        = 100000
MaxQueryExecutionTime   = 60
MaxQueryCostEstimationTime = 400
INI

echo "virtuoso: starting in $DIR (http 127.0.0.1:$HTTP_PORT, sql 127.0.0.1:$SQL_PORT)" >&2
(cd "$DIR" && virtuoso-t +configfile "$DIR/virtuoso.ini" +wait) >&2
printf '%s\n%s\n' "$DIR" "$MADE" > "$STATE_FILE"

# Wait until the SQL port answers, then grant update rights to the anonymous SPARQL user, so the
# plain /sparql endpoint accepts SPARQL Update (a throwaway test server only: never do this in
# production; there use /sparql-auth with digest credentials, which RemoteStore supports).
for _ in $(seq 1 60); do
  if isql-vt "$SQL_PORT" dba dba exec="select 1;" >/dev/null 2>&1; then break; fi
  sleep 1
done
isql-vt "$SQL_PORT" dba dba exec='grant SPARQL_UPDATE to "SPARQL";' >&2
isql-vt "$SQL_PORT" dba dba exec='grant execute on DB.DBA.SPARQL_INSERT_DICT_CONTENT to "SPARQL";' >/dev/null 2>&1 || true
isql-vt "$SQL_PORT" dba dba exec='grant execute on DB.DBA.SPARQL_DELETE_DICT_CONTENT to "SPARQL";' >/dev/null 2>&1 || true

for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "$URL?query=ASK%7B%7D"; then
    echo "virtuoso: ready at $URL" >&2
    echo "DIPLOKG_TEST_VIRTUOSO_URL=$URL"
    exit 0
  fi
  sleep 1
done
echo "virtuoso: $URL did not answer within 60 s; log follows" >&2
tail -n 40 "$DIR/virtuoso.log" >&2 || true
exit 1
