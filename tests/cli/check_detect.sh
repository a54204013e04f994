# Detection rules run on every text file, not only YAML; in all three formats the token is shown
# only as a masked preview.
source "$(dirname "$0")/lib.sh"
tail=$(head -c 200 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 36)
token="ghp_$tail"
while [ ${#token} -lt 40 ]; do token="${token}x"; done
canary "$token"
canary "$tail"
printf '#!/bin/sh\ncurl -H "Authorization: token %s" https://api.example.invalid\n' "$token" > deploy.sh
printf 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE  # documentation example, allowed\n' > docs.sh
for format in json sarif text; do
  expect_exit 1 "$HUSH" check deploy.sh docs.sh --format "$format"
done
expect_stderr 'deploy.sh:2:31: error: GitHub personal access token: ghp_…(40 chars) [detected-secret/github-pat]'
expect_no_stderr 'docs.sh'
printf '#!/bin/sh\ncurl -H "Authorization: token %s" x  # hush:ignore[detected-secret]\n' "$token" > deploy.sh
expect_exit 0 "$HUSH" check deploy.sh
