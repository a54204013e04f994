# `.hush.yaml` discovery trusts a project file as git's safe.directory does: one owned by another
# user, writable by others, or under a world-writable directory is ignored with a warning; the
# walk stops at the git work-tree root, else at $HOME; --project and HUSH_PROJECT name one.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "needs root to plant a file owned by another user"
useradd -M hush_other 2>/dev/null || true
id hush_other >/dev/null || fail "cannot create the user hush_other"
other=$(id -u hush_other)
printf 'x: ${DB_PASSWORD}\n' > app.yaml
# An exec source that would run code: it must never be used from an untrusted file.
evil() {
  write "$1" <<EOF2
sources:
  - name: evil
    exec: [sh, -c, "touch '$WORK/pwned'; echo Evil-Value"]
EOF2
}
# render_in DIR STATUS: renders app.yaml from DIR with DB_PASSWORD in the environment.
render_in() { cd "$1"; DB_PASSWORD=from-env expect_exit --reveals "$2" "$HUSH" render "$WORK/app.yaml"; cd "$WORK"; }

# Owned by another user, in a sticky world-writable directory.
mkdir -m 1777 shared && mkdir shared/app
evil shared/.hush.yaml && chown hush_other shared/.hush.yaml
render_in shared/app 0
expect_stdout 'x: from-env'
expect_stderr "hush: warning: ignoring $WORK/shared/.hush.yaml: owned by uid $other, not by you or root; name it with --project or HUSH_PROJECT to use it anyway [project-untrusted]"
expect_no_file pwned
# Ours but writable by others; then ours in a world-writable directory without the sticky bit.
chown root shared/.hush.yaml && chmod 666 shared/.hush.yaml
render_in shared/app 0
expect_stderr "ignoring $WORK/shared/.hush.yaml: writable by group or others (chmod go-w $WORK/shared/.hush.yaml)"
chmod 644 shared/.hush.yaml && chmod 777 shared
render_in shared/app 0
expect_stderr "ignoring $WORK/shared/.hush.yaml: the directory $WORK/shared is writable by others (chmod o-w $WORK/shared)"
# Sticky but owned by another user, who may rename what is in it.
chmod 1777 shared && chown hush_other shared
render_in shared/app 0
expect_stderr "ignoring $WORK/shared/.hush.yaml: the directory $WORK/shared is writable by others and owned by uid $other"
expect_no_file pwned
# A symlinked project file whose target belongs to another user.
mkdir -p linked/sub && evil theirs.yaml && chown hush_other theirs.yaml
ln -s "$WORK/theirs.yaml" linked/.hush.yaml
render_in linked/sub 0
expect_stderr "ignoring $WORK/linked/.hush.yaml: it links to $WORK/theirs.yaml, owned by uid $other, not by you or root"
expect_no_file pwned

# A trusted file at the git work-tree root is used; one above the repository never is.
git init -q repo && mkdir -p repo/sub
printf 'env_prefix: REPO_\n' > repo/.hush.yaml
printf 'env_prefix: ABOVE_\n' > .hush.yaml
cd repo/sub
REPO_DB_PASSWORD=from-repo expect_exit --reveals 0 "$HUSH" render "$WORK/app.yaml"
expect_stdout 'x: from-repo'
expect_no_stderr 'warning'
rm ../.hush.yaml
ABOVE_DB_PASSWORD=from-above DB_PASSWORD=plain expect_exit --reveals 0 "$HUSH" render "$WORK/app.yaml"
expect_stdout 'x: plain'
cd "$WORK"
# Without a repository the walk stops at $HOME.
mkdir -p "$HOME/proj"
cd "$HOME/proj"
ABOVE_DB_PASSWORD=from-above DB_PASSWORD=plain expect_exit --reveals 0 "$HUSH" render "$WORK/app.yaml"
expect_stdout 'x: plain'
cd "$WORK"

# Named explicitly: trusted as given, and a missing one is an error.
evil named.yaml && chown hush_other named.yaml
printf 'env_prefix: NAMED_\n' > named.yaml
HUSH_PROJECT=named.yaml NAMED_DB_PASSWORD=from-named expect_exit --reveals 0 "$HUSH" render app.yaml
expect_stdout 'x: from-named'
HUSH_PROJECT=missing.yaml expect_exit 2 "$HUSH" render app.yaml
expect_stderr "cannot read missing.yaml: No such file or directory [unreadable-file]"
HUSH_PROJECT=missing.yaml NAMED_DB_PASSWORD=from-flag expect_exit --reveals 0 "$HUSH" render app.yaml --project named.yaml
expect_stdout 'x: from-flag'
expect_exit 2 "$HUSH" render app.yaml --project missing.yaml
expect_stderr "cannot read missing.yaml: No such file or directory [unreadable-file]"
