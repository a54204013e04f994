# The real pre-commit framework with a local hook (offline) blocks a commit holding a secret.
source "$(dirname "$0")/lib.sh"
command -v pre-commit >/dev/null || fail "pre-commit is required (scripts/setup installs it)"
canary 'Precommit-Canary-Token-77'
export PATH="$(dirname "$HUSH"):$PATH" PRE_COMMIT_HOME="$WORK/pre-commit-cache"
git init -q repo && cd repo
git config user.email t@example.invalid && git config user.name test
cp "$HUSH_SOURCE_DIR/.pre-commit-hooks.yaml" hooks-definition.yaml
write .pre-commit-config.yaml <<'EOF2'
repos:
  - repo: local
    hooks:
      - id: hush-check
        name: hush check (secrets and config)
        entry: hush check --staged
        language: system
        pass_filenames: false
        always_run: true
EOF2
git add .pre-commit-config.yaml && git commit -q -m "pre-commit config"
expect_exit 0 pre-commit install
printf 'integrations:\n  - name: slack\n    type: slack\n    token: Precommit-Canary-Token-77\n' > app.yaml
git add app.yaml
expect_exit 1 git commit -q -m "leak"
expect_stderr 'hush check (secrets and config)'
expect_stderr 'Failed'
expect_stderr 'literal value under secret-like key token'
[ "$(git log --oneline | wc -l)" -eq 1 ] || fail "the commit with a secret landed"
printf 'integrations:\n  - name: hook\n    type: webhook\n    url: https://hooks.example.invalid\n' > app.yaml
git add app.yaml
expect_exit 0 git commit -q -m "clean"
