#!/usr/bin/env bash
# Reproduces the workers session in docs/EVIDENCE.md: three scripted workers, a predicted conflict, a refused
# false "done", a DONE with its gate report, then kill -9 of czar mid-run and a restart on the same home.
# Usage: examples/workers-demo.sh DIR   (DIR is created; needs git and a built target/czar.jar)
set -euo pipefail
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
dir=${1:?usage: $0 DIR}
mkdir -p "$dir" && cd "$dir"
git init -q -b main repo
git -C repo -c user.name=Demo -c user.email=demo@example.com commit -q --allow-empty -m "empty start"
mkdir -p repo/shared && printf 'mode = old\n' > repo/shared/config.txt && echo "# demo" > repo/README.md
git -C repo add . && git -C repo -c user.name=Demo -c user.email=demo@example.com commit -q -m initial
cat > czar.yaml <<YAML
workers:
  command: [bash, $here/examples/agents/scripted-agent.sh]
  max-parallel: 3
  poll-interval: 500ms
  stuck-after: 60s
  max-retries: 1
  retry-backoff: 1s
  max-fix-rounds: 0
  verify-command: "echo checking; test -z \"\$(git status --porcelain)\" && echo 'working copy clean, checks passed'"
YAML
czar() { echo "\$ czar $(printf '%q ' "$@")"; java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" "$@"; }
supervise() { java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" supervise >> "$dir/supervise.log" 2>&1 & echo $!; }
workers_ps() { ps -eo pid,pgid,args | grep '[s]cripted-agent.sh' || echo "(no worker processes)"; }

echo '$ czar supervise &   # output in supervise.log'; sup=$(supervise); sleep 4
czar launch left --task "$(printf 'Implement the left mode in shared/config.txt\nagent-mode: commit\nagent-file: shared/config.txt\nagent-content: mode = left\nagent-linger: 8')"
czar launch right --task "$(printf 'Implement the right mode in shared/config.txt\nagent-mode: commit\nagent-file: shared/config.txt\nagent-content: mode = right\nagent-linger: 25')"
czar launch liar --task "$(printf 'Implement the CSV parser\nagent-mode: claim-done')"
sleep 5
czar ask "which branches will conflict?"
czar ask --json "what is everyone doing?"
sleep 8
czar ask "is left really done?"
echo '$ git merge --no-ff czar/left'; git -C repo -c user.name=Demo -c user.email=demo@example.com merge -q --no-ff czar/left -m "Merge czar/left"
git -C repo log --oneline -3
sleep 4
czar workers left
czar workers liar
sleep 16
czar workers right | head -12
czar launch sleeper --task "$(printf 'Implement the long migration\nagent-mode: hang')"
sleep 3
echo '$ ps -eo pid,pgid,args | grep scripted-agent'; workers_ps
echo "\$ kill -9 $sup   # czar dies mid-run, no clean-up"; kill -9 "$sup"; sleep 1
echo '$ ps -eo pid,pgid,args | grep scripted-agent   # the orphaned worker still runs'; workers_ps
echo '$ czar supervise &   # a new czar on the same home'; sup=$(supervise); sleep 15
echo '$ ps -eo pid,pgid,args | grep scripted-agent   # exactly one worker'; workers_ps
czar workers sleeper
echo "\$ kill -TERM $sup   # a clean stop ends the worker's process group and re-queues it"; kill -TERM "$sup"; sleep 4
echo '$ ps -eo pid,pgid,args | grep scripted-agent'; workers_ps
czar queue
echo '$ czar workers --json | python3 -c ...   # name, state, head_sha, attempts, gate items'
java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" workers --json | python3 -c 'import json,sys; [print(w["name"], w["state"], w["head_sha"], w["attempts"], [g["item"]+":"+g["status"] for g in w["gate"]]) for w in json.load(sys.stdin)]'
