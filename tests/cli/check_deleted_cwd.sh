# A command run in a working directory that was deleted ends with a located io error
# ([cwd-unavailable], exit 2), never an abort; a command that needs no project still works there.
source "$(dirname "$0")/lib.sh"
mkdir gone
cd gone
rmdir "$WORK/gone"
expect_exit 2 "$HUSH" check
expect_stderr 'cwd-unavailable'
expect_exit 2 "$HUSH" secrets rm NAME --yes --secrets "$WORK/s.secrets.yaml"
expect_stderr 'cwd-unavailable'
export MY_SECRET='Deleted-Cwd-Value-1'
expect_exit 0 bash -c "printf 'a Deleted-Cwd-Value-1 b\n' | '$HUSH' redact --no-sidecar --env-var MY_SECRET"
expect_stdout 'a *** b'
