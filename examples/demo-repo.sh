#!/bin/sh
# Builds a small repository that looks like a fleet of agents at work, for trying czar and for docs/EVIDENCE.md.
# Usage: examples/demo-repo.sh DIR   (DIR must not exist). Commit dates are fixed, so SHAs are reproducible.
set -eu
dir=${1:?usage: examples/demo-repo.sh DIR}
[ ! -e "$dir" ] || { echo "demo-repo: $dir already exists" >&2; exit 2; }
export GIT_CONFIG_NOSYSTEM=1 HOME="$dir/.home-unused"
n=0
commit() { # commit AUTHOR MESSAGE
  n=$((n + 1))
  stamp="2026-11-27T0$((n / 10)):$((n % 10))0:00Z"
  GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$(echo "$1" | tr ' ' .)@agents.example" GIT_AUTHOR_DATE="$stamp" \
  GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$(echo "$1" | tr ' ' .)@agents.example" GIT_COMMITTER_DATE="$stamp" \
    git -c commit.gpgsign=false commit -q -m "$2"
}
git init -q -b main "$dir"
cd "$dir"
mkdir -p src docs
printf 'def charge(amount):\n    return amount\n' > src/payments.py
printf '# Shop\n' > README.md
git add . && commit "Dana Lead" "Initial shop skeleton"

git checkout -q -b agent/payments-refunds
printf 'def charge(amount):\n    return amount\n\ndef refund(amount):\n    return -amount\n' > src/payments.py
git add . && commit "claude-worker-1" "Add refund endpoint"
printf 'from src.payments import refund\n\ndef test_refund():\n    assert refund(5) == -5\n' > src/test_payments.py
git add . && commit "claude-worker-1" "Test refunds"

git checkout -q main
GIT_AUTHOR_NAME="Dana Lead" GIT_AUTHOR_EMAIL=dana@agents.example GIT_AUTHOR_DATE=2026-11-27T01:00:00Z \
GIT_COMMITTER_NAME="Dana Lead" GIT_COMMITTER_EMAIL=dana@agents.example GIT_COMMITTER_DATE=2026-11-27T01:00:00Z \
  git -c commit.gpgsign=false merge -q --no-ff --no-edit agent/payments-refunds
n=10

git checkout -q -b agent/auth-login
printf 'def login(user, password):\n    raise NotImplementedError\n' > src/auth.py
git add . && commit "codex-worker-2" "Sketch login"
printf 'def login(user, password):\n    return user == "admin" and password == "secret"\n' > src/auth.py
git add . && commit "codex-worker-2" "Implement login check"

git checkout -q main
printf '# Shop\n\nRun `make test`.\n' > README.md
git add . && commit "Dana Lead" "Document the test command"

git checkout -q -b agent/docs-api
printf '# API\n\n- POST /charge\n- POST /refund\n' > docs/api.md
git add . && commit "aider-worker-3" "Document the API"
git checkout -q main
