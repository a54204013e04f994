# `hush run` children never see hush's credential variables, ${HUSH_KEY} is never a source, and a
# secret named like a loader, shell or interpreter start-up variable (here one a write-only member
# added with the public key alone) is refused by run, materialize and render --format env unless
# --allow-env names it.
source "$(dirname "$0")/lib.sh"
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
key_file=$(ls "$XDG_CONFIG_HOME"/hush/keys/*.key)
key=$(tr -d '\n' < "$key_file")
canary "$key"
canary 'Isolation-Phrase-Canary-7'
canary 'Isolation-Ci-Token-Canary-8'
printf 'isolation-api-token\n' > token.txt
expect_exit 0 bash -c "'$HUSH' secrets add API_TOKEN --value-stdin --secrets $S < token.txt"

# The child's environment: ordinary variables and the secrets, no credential variable.
HUSH_KEY="$key" HUSH_KEY_FILE="$key_file" HUSH_PASSPHRASE='Isolation-Phrase-Canary-7' \
  HUSH_CI_TOKEN='Isolation-Ci-Token-Canary-8' \
  expect_exit 0 "$HUSH" run --secrets "$S" -- sh -c 'env > child.env'
check_file_for_canaries child.env
expect_file_has child.env 'API_TOKEN=isolation-api-token'
expect_file_has child.env "HOME=$HOME"
for name in HUSH_KEY HUSH_KEY_FILE HUSH_PASSPHRASE HUSH_CI_TOKEN; do
  expect_file_lacks child.env "$name="
done
expect_file_lacks child.env "$key_file"

# ${HUSH_KEY} does not render, from the chain, qualified or through a prefix.
printf 'k: ${HUSH_KEY}\n' > key.yaml
HUSH_KEY="$key" expect_exit 1 "$HUSH" render key.yaml --secrets "$S"
expect_stderr 'key.yaml:1:4: error: unresolved reference ${HUSH_KEY} in scope global (tried sidecar, env, inline); HUSH_KEY is a hush credential variable, never a secret source [unresolved-reference]'
printf 'k: ${env:HUSH_PASSPHRASE}\n' > phrase.yaml
HUSH_PASSPHRASE='Isolation-Phrase-Canary-7' expect_exit 1 "$HUSH" render phrase.yaml --secrets "$S"
expect_stderr 'unresolved reference ${env:HUSH_PASSPHRASE}'
printf 'k: ${KEY}\n' > prefixed.yaml
HUSH_KEY="$key" expect_exit 1 "$HUSH" render prefixed.yaml --secrets "$S" --env-prefix HUSH_
expect_stderr 'unresolved reference ${KEY}'

# A write-only member (public key only) adds BASH_ENV: bash would run its command substitution.
printf '%s' '$(touch pwned)' > bash_env.txt
expect_exit 0 bash -c "XDG_CONFIG_HOME='$WORK/no-keys' '$HUSH' secrets add BASH_ENV --value-stdin --secrets $S < bash_env.txt"
expect_stderr 'hush: warning: BASH_ENV is a shell start-up variable: the shell runs the file it names; hush run, hush materialize and hush render --format env refuse to inject it unless given --allow-env BASH_ENV'
expect_exit 1 "$HUSH" run --secrets "$S" -- bash -c true
expect_stderr 'error: secret BASH_ENV would set BASH_ENV, a shell start-up variable: the shell runs the file it names; hush refuses to inject it (pass --allow-env BASH_ENV if the child should get it) [dangerous-env-name]'
expect_no_file pwned
expect_exit 0 "$HUSH" run --secrets "$S" --allow-env BASH_ENV -- bash -c true
expect_file pwned  # what the refusal prevents
rm pwned

# LD_PRELOAD and PATH are refused too, and --allow-env allows only the names it gives.
printf '/tmp/evil.so' > preload.txt
expect_exit 0 bash -c "'$HUSH' secrets add LD_PRELOAD --value-stdin --secrets $S < preload.txt"
printf '/tmp/evil-bin' > path.txt
expect_exit 0 bash -c "'$HUSH' secrets add PATH --value-stdin --secrets $S < path.txt"
expect_exit 1 "$HUSH" run --secrets "$S" --only LD_PRELOAD -- true
expect_stderr 'secret LD_PRELOAD would set LD_PRELOAD, a dynamic loader variable: it loads code into the program; hush refuses to inject it (pass --allow-env LD_PRELOAD if the child should get it) [dangerous-env-name]'
expect_exit 1 "$HUSH" run --secrets "$S" --only PATH --override -- true
expect_stderr 'secret PATH would set PATH, a search path or home directory'
expect_exit 1 "$HUSH" run --secrets "$S" --allow-env BASH_ENV -- true
expect_stderr 'secret LD_PRELOAD would set LD_PRELOAD'
expect_exit 0 "$HUSH" run --secrets "$S" --only PATH --allow-env PATH --override -- /bin/sh -c 'test "$PATH" = /tmp/evil-bin'

# materialize and render --format env refuse the same names.
expect_exit 1 "$HUSH" materialize --dir out --secrets "$S" --only LD_PRELOAD
expect_stderr 'secret LD_PRELOAD would set LD_PRELOAD'
expect_no_file out/LD_PRELOAD
expect_exit 0 "$HUSH" materialize --dir out --secrets "$S" --only LD_PRELOAD --allow-env LD_PRELOAD
expect_file out/LD_PRELOAD
printf 'path: ${API_TOKEN}\nservices:\n  - name: api\n    env: {TOKEN: $<API_TOKEN>}\n' > app.yaml
expect_exit 1 "$HUSH" render app.yaml --secrets "$S" --format env
expect_stderr 'key path would set PATH, a search path or home directory: it decides which programs and start-up files run; hush refuses to inject it (pass --allow-env PATH if the child should get it) [dangerous-env-name]'
expect_exit --reveals 0 "$HUSH" render app.yaml --secrets "$S" --format env --allow-env PATH
expect_stdout 'PATH="isolation-api-token"'
expect_stdout 'SERVICES_API_ENV_TOKEN="isolation-api-token"'
