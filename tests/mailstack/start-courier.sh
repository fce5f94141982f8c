#!/usr/bin/env bash
# start-courier.sh DIR -- a third IMAP and POP3 server family beside the stack of start.sh DIR:
# Courier-IMAP 5.0 and Courier POP3 (Debian's courier-imap, courier-pop, courier-authlib), the
# family with none of CONDSTORE, QRESYNC, MOVE or SPECIAL-USE, no [UIDNEXT] in its SELECT answer,
# the "INBOX." namespace with "." as delimiter, LOGINDISABLED before STARTTLS (IMAP_TLS_REQUIRED).
#
# Not installed: courier-imap and courier-pop conflict with Dovecot's packages (imap-server,
# pop3-server), so their packages and the libraries they need are downloaded and unpacked under
# DIR/courier-pkg with dpkg-deb -x. Courier looks for its configuration, its authentication
# daemon's socket and its modules at compiled-in paths (/etc/courier, /run/courier,
# /usr/lib/courier, /usr/lib/courier-authlib): the daemons run in a private mount namespace
# (unshare -m) where those paths are bind mounts of DIR/courier and the unpacked tree; outside it
# they are empty directories (symlinks where no namespace may be made: paths.sh). Users and
# passwords as the main stack (u001/u001pass...), login by
# the bare name, mail in DIR/courier/mail/USER/Maildir (uid vmail). Idempotent.
# Ports: MAILSTACK_PORT_BASE + 3143 (IMAP, STARTTLS), + 3993 (IMAPS), + 3110 (POP3, STLS),
# + 3995 (POP3S).
set -euo pipefail

die() { echo "start-courier.sh: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: start-courier.sh DIR"
[ "$(id -u)" -eq 0 ] || die "must run as root (couriertcpd binds, logins change to the mail user)"
DIR=$(realpath -m "$1")
[ -f "$DIR/env" ] || die "$DIR has no stack: run start.sh $DIR first"
BASE=$(sed -n 's/^MAILSTACK_PORT_BASE=//p' "$DIR/env")
IMAP=$((BASE+3143)); IMAPS=$((BASE+3993)); POP3=$((BASE+3110)); POP3S=$((BASE+3995))
CR=$DIR/courier
PKG=$DIR/courier-pkg
ROOT=$PKG/root
STAMP=$(sha256sum "$0" | cut -c1-16)
PORTS="$IMAP $IMAPS $POP3 $POP3S"

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
up() { for port in $PORTS; do answers "$port" || return 1; done; }
stop_daemons() {
  for pid in "$CR"/run/*.pid "$CR"/run/authdaemon/pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  sleep 0.5
}
if [ "$(cat "$CR/.stamp" 2>/dev/null)" = "$STAMP" ] && up; then
  echo "Courier running: IMAP $IMAP IMAPS $IMAPS POP3 $POP3 POP3S $POP3S"
  exit 0
fi
[ -d "$CR/run" ] && stop_daemons

# ---------------------------------------------------------------- packages, unpacked
if [ ! -x "$ROOT/usr/bin/imapd" ] || [ ! -x "$ROOT/usr/lib/courier/courier/courierpop3d" ] ||
   [ ! -x "$ROOT/usr/libexec/gam_server" ]; then
  log=/tmp/mailstack-apt-courier.log
  rm -rf "$PKG"; mkdir -p "$PKG/debs"
  debs="courier-imap courier-pop courier-base courier-authlib courier-authdaemon courier-authlib-userdb
        libcourier-unicode4 libgamin0 libidn12 gamin"
  download() { (cd "$PKG/debs" && apt-get download -q $debs) >>$log 2>&1; }
  download || { apt-get update -q >>$log 2>&1; download; } || die "apt-get download failed, see $log"
  for deb in "$PKG"/debs/*.deb; do dpkg-deb -x "$deb" "$ROOT"; done
fi

# ---------------------------------------------------------------- configuration
[ "$(cat "$CR/.stamp" 2>/dev/null)" = "$STAMP" ] || rm -rf "$CR"
mkdir -p "$CR"/{etc,run/authdaemon,mail,log}
MUID=$(id -u vmail); MGID=$(id -g vmail)
cat "$DIR/tls/server.key" "$DIR/tls/server.pem" > "$CR/etc/server.pem"
cp /usr/share/dovecot/dh.pem "$CR/etc/dhparams.pem"
# STARTTLS runs couriertls as the "courier" user (courier-base's postinst would have made it).
id courier >/dev/null 2>&1 ||
  useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin courier
chown courier:courier "$CR/etc/server.pem" "$CR/etc/dhparams.pem"
chmod 600 "$CR/etc/server.pem"
cat > "$CR/etc/authdaemonrc" <<EOF
authmodulelist="authuserdb"
authmodulelistorig="authuserdb"
daemons=3
authdaemonvar=/run/courier/authdaemon
DEBUG_LOGIN=0
DEFAULTOPTIONS=""
LOGGEROPTS=""
EOF
# What every service shares: TLS with the stack's certificate, libraries from the unpacked tree.
cat > "$CR/etc/common" <<EOF
LD_LIBRARY_PATH=$ROOT/usr/lib:$ROOT/usr/lib/x86_64-linux-gnu
COURIERTLS=$ROOT/usr/bin/couriertls
# Courier watches maildirs through gamin (FAM): without its server every command waits ~1.2 s for
# the connection attempts to give up. The unpacked server, found by this variable of libgamin.
GAMIN_DEBUG_SERVER=$ROOT/usr/libexec/gam_server
TLS_CERTFILE=/etc/courier/server.pem
TLS_DHPARAMS=/etc/courier/dhparams.pem
TLS_VERIFYPEER=NONE
TLS_CACHEFILE=
TCPDOPTS="-nodnslookup -noidentlookup"
MAXDAEMONS=100
MAXPERIP=100
MAILDIRPATH=Maildir
EOF
# Courier 5's own capability list (its default /etc/courier/imapd): no CONDSTORE, QRESYNC, MOVE
# or SPECIAL-USE; PLAIN only after TLS, and LOGINDISABLED before it (IMAP_TLS_REQUIRED).
cat > "$CR/etc/imapd" <<EOF
IMAP_CAPABILITY="IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE"
IMAP_CAPABILITY_TLS="IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE AUTH=PLAIN"
IMAP_KEYWORDS=1
IMAP_ACL=1
IMAP_STARTTLS=YES
IMAP_TLS_REQUIRED=1
IMAP_IDLE_TIMEOUT=5
IMAP_ENHANCEDIDLE=0
IMAP_MAILBOX_SANITY_CHECK=1
IMAP_CHECK_ALL_FOLDERS=0
IMAP_USELOCKS=1
IMAP_UMASK=022
IMAP_TRASHFOLDERNAME=Trash
IMAP_EMPTYTRASH=
IMAP_MOVE_EXPUNGE_TO_TRASH=0
IMAP_SHAREDINDEXFILE=/etc/courier/shared/index
EOF
cat > "$CR/etc/pop3d" <<EOF
POP3AUTH="PLAIN LOGIN"
POP3AUTH_TLS="PLAIN LOGIN"
POP3_STARTTLS=YES
POP3_TLS_REQUIRED=0
EOF
mkdir -p "$CR/etc/shared"

if [ ! -f "$CR/etc/userdb.dat" ]; then
  : > "$CR/etc/userdb"
  while IFS=: read -r user pass _; do
    pass=${pass#\{PLAIN\}}
    hash=$(openssl passwd -1 "$pass")
    home=$CR/mail/$user
    printf '%s\tuid=%s|gid=%s|home=%s|mail=%s/Maildir|systempw=%s\n' \
      "$user" "$MUID" "$MGID" "$home" "$home" "$hash" >> "$CR/etc/userdb"
    mkdir -p "$home/Maildir"/{cur,new,tmp}
  done < "$DIR/etc/dovecot/passwd"
  chmod 600 "$CR/etc/userdb"
  chown -R vmail:vmail "$CR/mail"
fi
chmod 755 "$CR" "$CR/mail"

# ---------------------------------------------------------------- start, in a mount namespace (paths.sh)
for port in $PORTS; do answers "$port" && die "127.0.0.1:$port is already in use"; done
tcpd() { # PIDFILE PORT COMMAND... (couriertcpd under courierlogger, which daemonises)
  local pid=$1 port=$2; shift 2
  $ROOT/usr/sbin/courierlogger -pid="$pid" -start -name=courier-$port \
    $ROOT/usr/sbin/couriertcpd -address=127.0.0.1 -maxprocs=100 -maxperip=100 -nodnslookup -noidentlookup \
    "$port" "$@"
}
export -f tcpd
export CR ROOT IMAP IMAPS POP3 POP3S
# shellcheck source=paths.sh
. "$(dirname "$0")/paths.sh"
with_paths "$CR/etc:/etc/courier $CR/run:/run/courier $ROOT/usr/lib/courier:/usr/lib/courier
  $ROOT/usr/lib/courier-authlib:/usr/lib/courier-authlib" '
  set -euo pipefail
  export LD_LIBRARY_PATH=$ROOT/usr/lib:$ROOT/usr/lib/x86_64-linux-gnu
  $ROOT/usr/sbin/makeuserdb
  set -a; . /etc/courier/authdaemonrc; set +a
  $ROOT/usr/sbin/courierlogger -pid=/run/courier/authdaemon/pid -start /usr/lib/courier/courier-authlib/authdaemond
  set -a; . /etc/courier/common; . /etc/courier/imapd; set +a
  tcpd /run/courier/imapd.pid "$IMAP" /usr/lib/courier/courier/imaplogin "$ROOT/usr/bin/imapd" Maildir
  # Implicit TLS: the login process is told the connection is already encrypted (IMAP_TLS alone
  # does not lift IMAP_TLS_REQUIRED in this build).
  export IMAP_TLS=1 IMAP_TLS_REQUIRED=0
  tcpd /run/courier/imapd-ssl.pid "$IMAPS" "$COURIERTLS" -server -tcpd \
    /usr/lib/courier/courier/imaplogin "$ROOT/usr/bin/imapd" Maildir
  unset IMAP_TLS
  set -a; . /etc/courier/pop3d; set +a
  tcpd /run/courier/pop3d.pid "$POP3" /usr/lib/courier/courier/courierpop3login \
    /usr/lib/courier/courier/courierpop3d Maildir
  export POP3_TLS=1
  tcpd /run/courier/pop3d-ssl.pid "$POP3S" "$COURIERTLS" -server -tcpd \
    /usr/lib/courier/courier/courierpop3login /usr/lib/courier/courier/courierpop3d Maildir
' </dev/null >>"$CR/log/start.log" 2>&1 || die "starting Courier failed; see $CR/log/start.log"
for port in $PORTS; do
  for _ in $(seq 1 100); do answers "$port" && break; sleep 0.1; done
  answers "$port" || die "port $port did not come up; see $CR/log/start.log"
done
echo "$STAMP" > "$CR/.stamp"
cat > "$CR/env" <<EOF
COURIER_IMAP_PORT=$IMAP
COURIER_IMAPS_PORT=$IMAPS
COURIER_POP3_PORT=$POP3
COURIER_POP3S_PORT=$POP3S
EOF
echo "Courier running: IMAP $IMAP IMAPS $IMAPS POP3 $POP3 POP3S $POP3S"
