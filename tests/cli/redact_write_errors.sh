# `hush redact` fails with [write-failed] (io, exit 2) when stdout cannot be written (a full
# device, a closed pipe) instead of exiting 0 with the output lost.
source "$(dirname "$0")/lib.sh"
export MY_SECRET='Write-Error-Value-1'
printf 'a Write-Error-Value-1 b\n' > in.txt
expect_exit 2 bash -c "'$HUSH' redact --no-sidecar --env-var MY_SECRET < in.txt > /dev/full"
expect_stderr 'write-failed'
head -c 300000 /dev/zero > big.txt
status=0
bash -c "trap '' PIPE; exec '$HUSH' redact --no-sidecar --env-var MY_SECRET < big.txt 2> pipe.err | true" || status=$?
[ "$status" = 0 ] || fail "the pipeline itself failed ($status)"
grep -q 'write-failed' pipe.err || fail "no write-failed on a closed pipe: $(cat pipe.err)"
