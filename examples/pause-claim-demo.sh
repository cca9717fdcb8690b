#!/usr/bin/env bash
# Reproduces the pause/resume and done-claim session in docs/EVIDENCE.md: a ticking worker paused (its process
# group stopped, never STUCK past workers.stuck-after) and resumed; a paused queued workstream held while a slot is
# free; a worker that prints CZAR_DONE and keeps running, ended and gated; a claim with no commits refused.
# Usage: examples/pause-claim-demo.sh DIR   (DIR is created; needs git and a built target/czar.jar)
set -euo pipefail
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
dir=${1:?usage: $0 DIR}
mkdir -p "$dir" && cd "$dir"
git init -q -b main repo
echo "# demo" > repo/README.md
git -C repo add . && git -C repo -c user.name=Demo -c user.email=demo@example.com commit -q -m initial
cat > czar.yaml <<YAML
workers:
  command: [bash, $here/examples/agents/scripted-agent.sh]
  max-parallel: 2
  poll-interval: 500ms
  stuck-after: 5s
  max-retries: 0
  max-fix-rounds: 0
YAML
czar() { echo "\$ czar $(printf '%q ' "$@")"; java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" "$@"; }
supervise() { java -jar "$here/target/czar.jar" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" supervise >> "$dir/supervise.log" 2>&1 & echo $!; }
ps_state() { echo "\$ ps -o pid,stat,args --ppid $1 -p $1"; ps -o pid,stat,args --ppid "$1" -p "$1" | sed "s#$here/##"; }
agents() { # pids of scripted agents working in this demo's working copies (other runs may share the machine)
  for p in $(pgrep -f scripted-agent.sh || true); do
    case $(readlink "/proc/$p/cwd" 2>/dev/null) in "$dir"/home/*) echo "$p" ;; esac
  done
}
ticks() { echo "\$ tail -n 1 home/workers/ticker/attempt-1.log"; tail -n 1 "$dir/home/workers/ticker/attempt-1.log"; }

czar launch waiting --task "$(printf 'Implement the waiting part\nagent-mode: tick')"
czar pause waiting
echo '$ czar supervise &   # output in supervise.log; workers.stuck-after is 5s, max-parallel 2'; sup=$(supervise); sleep 4
czar launch ticker --task "$(printf 'Implement the ticker\nagent-mode: tick')"
sleep 4
pid=$(agents | head -1)
czar pause ticker
sleep 2
ps_state "$pid"; ticks
echo '$ sleep 12   # more than twice workers.stuck-after, while paused'; sleep 12
ticks
czar queue
czar ask "is anyone paused?"
czar resume ticker
sleep 3
ps_state "$pid"; ticks
czar workers ticker | sed -n '1,3p;/history:/,$p'
czar resume waiting
sleep 3
czar workers waiting | sed -n '1,2p;/history:/,$p'
czar kill ticker
czar kill waiting
czar launch claimer --task "$(printf 'Implement the CSV parser\nagent-mode: commit-then-claim\nagent-claim: CZAR_DONE: parser written, tests pass')"
czar launch boaster --task "$(printf 'Implement the JSON parser\nagent-mode: claim-no-commit')"
sleep 10
echo '$ ps -eo pid,args | grep scripted-agent   # in this demo'; [ -n "$(agents)" ] && ps -o pid,args -p "$(agents | paste -sd,)" || echo "(no worker processes)"
echo '$ cat home/workers/claimer/attempt-1.log'; cat "$dir/home/workers/claimer/attempt-1.log"
czar workers claimer | sed -n '1,12p;/history:/,$p'
czar workers boaster | sed -n '1,4p;/history:/,$p'
kill -TERM "$sup"; wait "$sup" 2>/dev/null || true
