#!/usr/bin/env bash
# Reproduces the digest session in docs/EVIDENCE.md: scripted workers (one done after a merge, one refused false
# "done", one stuck, two predicted to conflict), benchmark results with a regression on main, then
# `czar digest --print` twice (the second has nothing new) and the dashboard's page.
# Usage: examples/digest-demo.sh DIR   (DIR is created; needs git and a built target/czar.jar)
set -euo pipefail
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
dir=${1:?usage: $0 DIR}
mkdir -p "$dir" && cd "$dir"
git init -q -b main repo
mkdir -p repo/shared && printf 'mode = old\n' > repo/shared/config.txt && echo "# demo" > repo/README.md
git -C repo add . && git -C repo -c user.name=Demo -c user.email=demo@example.com commit -q -m initial
cat > czar.yaml <<YAML
workers:
  command: [bash, $here/examples/agents/scripted-agent.sh]
  max-parallel: 4
  poll-interval: 500ms
  stuck-after: 4s
  max-retries: 0
  max-fix-rounds: 0
  verify-command: "test -z \"\$(git status --porcelain)\" && echo 'working copy clean'"
YAML
czar() { echo "\$ czar $(printf '%q ' "$@")"; java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" "$@"; }
java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" supervise >> "$dir/supervise.log" 2>&1 &
sup=$!
trap 'kill -TERM $sup 2>/dev/null || true' EXIT
sleep 3
czar launch left --task "$(printf 'Implement the left mode in shared/config.txt\nagent-mode: commit\nagent-file: shared/config.txt\nagent-content: mode = left\nagent-linger: 6')" >/dev/null
czar launch right --task "$(printf 'Implement the right mode in shared/config.txt\nagent-mode: commit\nagent-file: shared/config.txt\nagent-content: mode = right\nagent-linger: 60')" >/dev/null
czar launch liar --task "$(printf 'Implement the CSV parser\nagent-mode: claim-done')" >/dev/null
czar launch sleeper --task "$(printf 'Implement the long migration\nagent-mode: hang')" >/dev/null
sleep 10
git -C repo -c user.name=Demo -c user.email=demo@example.com merge -q --no-ff czar/left -m "Merge czar/left"
cat > bench.csv <<CSV
timestamp,commit,branch,benchmark,iteration,metric,value,unit
2026-11-20T08:00:00Z,aaaaaaa1,main,parse_json,1,time,10.1,ms
2026-11-21T08:00:00Z,aaaaaaa2,main,parse_json,1,time,10.0,ms
2026-11-22T08:00:00Z,aaaaaaa3,main,parse_json,1,time,10.2,ms
2026-11-23T08:00:00Z,aaaaaaa4,main,parse_json,1,time,10.1,ms
2026-11-24T08:00:00Z,aaaaaaa5,main,parse_json,1,time,11.4,ms
CSV
java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" bench import bench.csv >/dev/null
sleep 6
czar digest --print
czar digest --print
