#!/usr/bin/env bash
# Builds a small repository with fixed identities and dates, so its SHAs are the same on every machine.
set -euo pipefail
dir=${1:?usage: demo-repo.sh DIR}
rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
export GIT_CONFIG_NOSYSTEM=1 HOME="$dir/.home" GIT_AUTHOR_NAME="Alice Example" GIT_AUTHOR_EMAIL=alice@example.com
export GIT_COMMITTER_NAME="Alice Example" GIT_COMMITTER_EMAIL=alice@example.com
commit() { export GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1"; git add -A; git commit -q -m "$2"; }
git init -q -b main .
echo "czar demo" > README.md; commit 2026-11-02T09:00:00Z "Initial import"
git checkout -q -b feature-x
echo "class Parser {}" > Parser.java; commit 2026-11-02T09:01:00Z "Add parser"
echo "class ParserTest {}" > ParserTest.java; commit 2026-11-02T09:02:00Z "Add parser tests"
git checkout -q main
git log --all --format='%h %H %d %s'
