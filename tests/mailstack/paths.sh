# paths.sh -- sourced by start-courier.sh and start-exim.sh: servers unpacked from Debian packages
# look for files at compiled-in paths (/etc/courier, /etc/exim4...).
#
# with_paths "SRC:DST ..." SCRIPT runs `bash -c SCRIPT` (and the daemons it starts) where each DST
# shows SRC: bind mounts in a private mount namespace (unshare -m), so several stacks on one machine
# keep apart and nothing outside changes but empty directories for DST. Where a mount namespace may
# not be made (a container without CAP_SYS_ADMIN), each DST becomes a symlink to SRC instead: then
# one such server per machine.
with_paths() {
  local pairs script=$2 pair src dst
  pairs=$(printf '%s ' $1)
  # MAILSTACK_NO_NAMESPACE=1 takes the symlink way (to try it where namespaces work).
  if [ -z "${MAILSTACK_NO_NAMESPACE:-}" ] && unshare -m true 2>/dev/null; then
    for pair in $pairs; do dst=${pair#*:}; [ -e "$dst" ] || mkdir -p "$dst"; done
    unshare -m --propagation private bash -c "set -e
      for pair in $pairs; do mount --bind \"\${pair%%:*}\" \"\${pair#*:}\"; done
      $script"
  else
    for pair in $pairs; do
      src=${pair%%:*}; dst=${pair#*:}
      if [ -d "$dst" ] && [ ! -L "$dst" ]; then
        rmdir "$dst" 2>/dev/null || { echo "$dst is not empty: cannot point it at $src" >&2; return 1; }
      fi
      mkdir -p "$(dirname "$dst")"
      ln -sfn "$src" "$dst"
    done
    bash -c "$script"
  fi
}
