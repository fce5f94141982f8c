#!/usr/bin/env bash
# start.sh DIR -- Pochta's test harness: set up (first time) and start a loopback-only mail stack in DIR:
#   Dovecot 2.3 (IMAP/IMAPS, POP3/POP3S, LMTP, auth) + Postfix 3.7 (SMTP inject,
#   submission 587-style STARTTLS + 465-style implicit TLS, SASL via Dovecot,
#   delivery to Dovecot over LMTP). TLS from a local CA written to DIR/ca.pem.
# Must run as root (Postfix's master needs it; Dovecot drops to vmail/dovenull).
# Re-running on a running DIR only prints the info; on a stopped DIR it restarts
# with the existing config, certificates and mail.
# Ports = POCHTA_MAILSTACK_PORT_BASE (default 20000) + 143/993/110/995/587/465/25/24.
# Users: alice, bob, carol and a pool u001..u150 (tests take fresh ones); password = <user>pass.
set -euo pipefail

die() { echo "start.sh: $*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: start.sh DIR"
[ "$(id -u)" -eq 0 ] || die "must run as root (Postfix master and Dovecot privilege separation need it)"

DIR=$(realpath -m "$1")
BASE=${POCHTA_MAILSTACK_PORT_BASE:-20000}
# a DIR set up before keeps the ports it was set up with
if [ -f "$DIR/env" ]; then BASE=$(sed -n 's/^MAILSTACK_PORT_BASE=//p' "$DIR/env"); BASE=${BASE:-20000}; fi
IMAP=$((BASE+143)); IMAPS=$((BASE+993)); POP3=$((BASE+110)); POP3S=$((BASE+995))
SUBM=$((BASE+587)); SMTPS=$((BASE+465)); SMTP=$((BASE+25)); LMTP=$((BASE+24))
DOMAIN=example.test
# also listen on ::1 when the loopback has IPv6, so "localhost" works whichever address a client tries
if grep -qs ' lo$' /proc/net/if_inet6; then V6=1; else V6=0; fi
if [ $V6 = 1 ]; then DADDR="127.0.0.1, ::1"; else DADDR="127.0.0.1"; fi
USERS="alice bob carol $(seq -f "u%03g" 1 150 | tr "\n" " ")"
MAILUSER=vmail

# ---------------------------------------------------------------- packages
need=()
[ -x /usr/sbin/dovecot ]          || need+=(dovecot-core)
[ -x /usr/lib/dovecot/imap ]      || need+=(dovecot-imapd)
[ -x /usr/lib/dovecot/pop3 ]      || need+=(dovecot-pop3d)
[ -x /usr/lib/dovecot/lmtp ]      || need+=(dovecot-lmtpd)
[ -x /usr/sbin/postfix ]          || need+=(postfix)
command -v openssl >/dev/null     || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get install -y -q "${need[@]}" >/tmp/mailstack-apt.log 2>&1 || {
    apt-get update -q >>/tmp/mailstack-apt.log 2>&1
    apt-get install -y -q "${need[@]}" >>/tmp/mailstack-apt.log 2>&1 || die "apt-get failed, see /tmp/mailstack-apt.log"; }
fi
id "$MAILUSER" >/dev/null 2>&1 || useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin "$MAILUSER"
MUID=$(id -u "$MAILUSER"); MGID=$(id -g "$MAILUSER")

# ---------------------------------------------------------------- already running?
dovecot_up() { [ -f "$DIR/run/dovecot/master.pid" ] && kill -0 "$(cat "$DIR/run/dovecot/master.pid")" 2>/dev/null; }
postfix_up() { [ -f "$DIR/postfix/spool/pid/master.pid" ] && kill -0 "$(tr -d ' ' < "$DIR/postfix/spool/pid/master.pid")" 2>/dev/null; }
running() { dovecot_up && postfix_up; }

print_info() {
  cat <<EOF
mailstack running in $DIR  (127.0.0.1$( [ $V6 = 1 ] && echo " and ::1") only; host "localhost" or 127.0.0.1)
  IMAP   $IMAP  (STARTTLS)      IMAPS  $IMAPS (implicit TLS)
  POP3   $POP3  (STLS)          POP3S  $POP3S (implicit TLS)
  SMTP submission $SUBM (STARTTLS, AUTH required)   SMTPS $SMTPS (implicit TLS, AUTH required)
  SMTP inject $SMTP (plain, no auth, loopback clients only)   LMTP $LMTP (Dovecot, plain)
  users (login as "user" or "user@$DOMAIN"):  alice/alicepass  bob/bobpass  carol/carolpass
  CA certificate: $DIR/ca.pem   (server cert: CN=localhost, SAN localhost,127.0.0.1,::1)
  mail: $DIR/mail/<user>/Maildir (uid $MAILUSER)   logs: $DIR/log/
  doveadm: doveadm -c $DIR/etc/dovecot/dovecot.conf ...   env: . $DIR/env
  stop: $(dirname "$(realpath "$0")")/stop.sh $DIR
EOF
}

# A DIR made by an older version of this script is rebuilt: its configuration may differ.
STAMP=$(sha256sum "$0" | cut -c1-16)
if [ -f "$DIR/.mailstack" ] && [ "$(cat "$DIR/.mailstack" 2>/dev/null)" != "$STAMP" ]; then
  echo "start.sh changed since $DIR was set up: rebuilding it" >&2
  bash "$(dirname "$0")/stop.sh" "$DIR" >/dev/null 2>&1 || true
  rm -rf "${DIR:?}"/* "$DIR/.mailstack"
fi
if running; then print_info; exit 0; fi

# ---------------------------------------------------------------- first-time setup
mkdir -p "$DIR"
if [ ! -f "$DIR/.mailstack" ]; then
  [ -z "$(ls -A "$DIR")" ] || die "$DIR is not empty and was not set up by start.sh"
  mkdir -p "$DIR"/{etc/dovecot,etc/postfix,tls,run,log,state/dovecot,mail,postfix/spool,postfix/data}

  # --- TLS: local CA + server cert for localhost/127.0.0.1/::1
  (
    cd "$DIR/tls"
    openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 \
      -keyout ca.key -out ca.pem -subj "/O=mailstack/CN=mailstack test CA" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -addext "subjectKeyIdentifier=hash" 2>/dev/null
    openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout server.key -out server.csr \
      -subj "/O=mailstack/CN=localhost" 2>/dev/null
    cat > server.ext <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 12)" \
      -sha256 -days 825 -extfile server.ext -out server.pem 2>/dev/null
    chmod 600 ca.key server.key
  )
  cp "$DIR/tls/ca.pem" "$DIR/ca.pem"

  # --- users: passwd-file (user:{scheme}password:uid:gid::home)
  : > "$DIR/etc/dovecot/passwd"
  for u in $USERS; do
    echo "$u:{PLAIN}${u}pass:$MUID:$MGID::$DIR/mail/$u::" >> "$DIR/etc/dovecot/passwd"
    mkdir -p "$DIR/mail/$u/Maildir"/{cur,new,tmp}
  done
  chown root:dovecot "$DIR/etc/dovecot/passwd"; chmod 640 "$DIR/etc/dovecot/passwd"
  chown -R "$MAILUSER:$MAILUSER" "$DIR/mail"
  chown postfix:postfix "$DIR/postfix/data"

  # --- Dovecot
  cat > "$DIR/etc/dovecot/dovecot.conf" <<EOF
# generated by mailstack start.sh
instance_name = mailstack-$(echo -n "$DIR" | md5sum | cut -c1-8)
base_dir = $DIR/run/dovecot
state_dir = $DIR/state/dovecot
log_path = $DIR/log/dovecot.log
protocols = imap pop3 lmtp
listen = $DADDR
shutdown_clients = yes
# loopback connections count as "secured" in Dovecot, so plaintext LOGIN works
# on $IMAP/$POP3 without STARTTLS; STARTTLS/STLS are still offered.
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_username_format = %Ln
# test stack: no brute-force slowdowns. A failed login answers at once (IMAP/POP3 still
# add ~0.5 s in the login process), and the per-IP anvil penalty (up to 15 s on every
# later login from 127.0.0.1, all protocols incl. Postfix SASL) is off: its socket is
# disabled below, which Dovecot's auth takes as "penalties disabled".
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
passdb {
  driver = passwd-file
  args = username_format=%Ln $DIR/etc/dovecot/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%Ln $DIR/etc/dovecot/passwd
}
first_valid_uid = 100
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}
ssl = yes
ssl_cert = <$DIR/tls/server.pem
ssl_key = <$DIR/tls/server.key
ssl_dh = </usr/share/dovecot/dh.pem
ssl_min_protocol = TLSv1.2
pop3_uidl_format = %08Xu%08Xv
lmtp_save_to_detail_mailbox = no
protocol lmtp {
  postmaster_address = postmaster@$DOMAIN
}
service imap-login {
  inet_listener imap {
    address = $DADDR
    port = $IMAP
  }
  inet_listener imaps {
    address = $DADDR
    port = $IMAPS
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    address = $DADDR
    port = $POP3
  }
  inet_listener pop3s {
    address = $DADDR
    port = $POP3S
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
  inet_listener lmtp {
    address = $DADDR
    port = $LMTP
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
EOF

  # --- Postfix (own config dir + queue under DIR; never relays off-host)
  cat > "$DIR/etc/postfix/main.cf" <<EOF
# generated by mailstack start.sh
compatibility_level = 3.6
queue_directory = $DIR/postfix/spool
data_directory = $DIR/postfix/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = $DIR/log/postfix.log
maillog_file_prefixes = $DIR/log
myhostname = mail.$DOMAIN
mydomain = $DOMAIN
myorigin = \$mydomain
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1$( [ $V6 = 1 ] && echo ', [::1]')
inet_protocols = $( [ $V6 = 1 ] && echo all || echo ipv4)
mynetworks = 127.0.0.0/8$( [ $V6 = 1 ] && echo ' [::1]/128')
relayhost =
append_dot_mydomain = no
biff = no
smtputf8_enable = yes
message_size_limit = 10485760
smtpd_peername_lookup = no
smtpd_error_sleep_time = 0
smtp_dns_support_level = disabled
# only these domains are delivered (to Dovecot LMTP); everything else bounces
virtual_mailbox_domains = $DOMAIN, localhost
virtual_mailbox_maps = texthash:$DIR/etc/postfix/vmailbox
virtual_transport = lmtp:unix:$DIR/run/dovecot/lmtp
default_transport = error:off-host delivery disabled in mailstack
relay_transport = error:off-host delivery disabled in mailstack
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_cert_file = $DIR/tls/server.pem
smtpd_tls_key_file = $DIR/tls/server.key
smtpd_tls_security_level = may
smtpd_tls_loglevel = 0
smtpd_sasl_type = dovecot
smtpd_sasl_path = $DIR/run/dovecot/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_sender_login_maps = texthash:$DIR/etc/postfix/senders
EOF
  for u in $USERS; do printf '%s@%s OK\n%s@localhost OK\n' "$u" "$DOMAIN" "$u"; done > "$DIR/etc/postfix/vmailbox"
  # Who may send as whom (reject_sender_login_mismatch on the authenticated ports).
  for u in $USERS; do printf '%s@%s %s\n%s@localhost %s\n' "$u" "$DOMAIN" "$u" "$u" "$u"; done > "$DIR/etc/postfix/senders"
  {
  echo "# generated by mailstack start.sh (no chroot; loopback only)"
  addrs="127.0.0.1"; [ $V6 = 1 ] && addrs="127.0.0.1 [::1]"
  for a in $addrs; do cat <<EOF
$a:$SMTP inet n - n - - smtpd
  -o syslog_name=postfix/inject
$a:$SUBM inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_sender_restrictions=reject_sender_login_mismatch
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
$a:$SMTPS inet n - n - - smtpd
  -o syslog_name=postfix/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_sender_restrictions=reject_sender_login_mismatch
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
EOF
  done
  cat <<EOF
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  } > "$DIR/etc/postfix/master.cf"

  cat > "$DIR/env" <<EOF
MAILSTACK_DIR=$DIR
MAILSTACK_PORT_BASE=$BASE
MAILSTACK_HOST=127.0.0.1
MAILSTACK_DOMAIN=$DOMAIN
MAILSTACK_IMAP_PORT=$IMAP
MAILSTACK_IMAPS_PORT=$IMAPS
MAILSTACK_POP3_PORT=$POP3
MAILSTACK_POP3S_PORT=$POP3S
MAILSTACK_SUBMISSION_PORT=$SUBM
MAILSTACK_SMTPS_PORT=$SMTPS
MAILSTACK_SMTP_PORT=$SMTP
MAILSTACK_LMTP_PORT=$LMTP
MAILSTACK_CA=$DIR/ca.pem
MAILSTACK_USERS="alice:alicepass bob:bobpass carol:carolpass (and u001..u150:<user>pass)"
MAILSTACK_DOVECOT_CONF=$DIR/etc/dovecot/dovecot.conf
EOF
  echo "$STAMP" > "$DIR/.mailstack"
fi

# Dovecot (vmail) and Postfix (postfix) need to traverse DIR to reach mail and sockets.
chmod 755 "$DIR"
runuser -u "$MAILUSER" -- test -x "$DIR/mail/." || die "user $MAILUSER cannot reach $DIR/mail: a parent directory of $DIR is not world-searchable (e.g. /root); use a DIR under /tmp"

# ---------------------------------------------------------------- start
dports="$IMAP $IMAPS $POP3 $POP3S $LMTP"; pports="$SUBM $SMTPS $SMTP"
busy=""; dovecot_up || busy="$dports"; postfix_up || busy="$busy $pports"
for port in $busy; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "127.0.0.1:$port is already in use (another mailstack? stop it, or set MAILSTACK_PORT_BASE)"
  fi
done
if ! dovecot_up; then
  # a stale penalty socket would make auth retry it (5 s on the first login)
  rm -f "$DIR/run/dovecot/master.pid" "$DIR/run/dovecot/anvil-auth-penalty"
  # Daemons must not inherit our stdout/stderr: a caller reading them to EOF would wait forever.
  /usr/sbin/dovecot -c "$DIR/etc/dovecot/dovecot.conf" </dev/null >>"$DIR/log/dovecot-start.log" 2>&1
fi
if ! postfix_up; then
  # postfix check/post-install fixes queue ownership; postfix writes errors to maillog_file
  /usr/sbin/postfix -c "$DIR/etc/postfix" start </dev/null >>"$DIR/log/postfix-start.log" 2>&1 || {
    tail -5 "$DIR/log/postfix.log" >&2; die "postfix failed to start"; }
fi

# wait until every port answers (max ~15 s)
for port in $IMAP $IMAPS $POP3 $POP3S $SUBM $SMTPS $SMTP $LMTP; do
  for _ in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || die "port $port did not come up; see $DIR/log/"
done
print_info
