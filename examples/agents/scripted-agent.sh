#!/usr/bin/env bash
# A scripted stand-in for a coding agent, for czar's tests and demos. It reads its task like a real agent
# (the full text on stdin, also in TASK.md) and acts on directives in that text:
#   agent-mode: commit | crash | crash-first | hang | claim-done | lazy | test-stub | stub | ask | tick
#               | commit-then-claim | claim-no-commit | commit-fix
#     commit-fix: commits; when its input says the claim was refused, prints the failures it was given ("saw: …")
#     and commits a fix
#     tick: prints "tick N" every half second until ended (a busy worker whose output shows when it runs)
#     commit-then-claim / claim-no-commit: print the claim line (agent-claim) and keep running, like an agent that
#     says it is done but does not exit; the first commits before claiming, the second does not
#     commit-listen: commits, then for agent-linger seconds prints every line it is given on stdin ("heard: …")
#     and commits once more after the first one (work/<workstream>-more.txt, message "<agent-message> (more)")
#   agent-claim: the claim line (default CZAR_DONE, as workers.done-pattern expects by default)
#   agent-file: path to write (default work/<workstream>.txt)
#   agent-content: text to write into it (default "implemented by <workstream>")
#   agent-linger: seconds to keep working (printing) after committing, before exiting 0
#   agent-exit: exit code of mode crash (default 3)
#   agent-message: commit message in mode commit (default "<workstream>: implement")
#   agent-say: a line printed first, with printf %b escapes (\n, \033…): hostile output for czar's tests
# Use it as: workers.command: [bash, examples/agents/scripted-agent.sh]
set -u
task_file="${CZAR_TASK_FILE:-TASK.md}"
name="${CZAR_WORKSTREAM:-worker}"

# Read exactly the task text from stdin, so that later stdin lines are answers to questions.
lines=$(wc -l < "$task_file")
for ((i = 0; i < lines; i++)); do IFS= read -r _ || break; done

directive() { sed -n "s/^$1:[[:space:]]*//p" "$task_file" | head -n 1; }
mode=$(directive agent-mode); mode=${mode:-commit}
file=$(directive agent-file); file=${file:-work/$name.txt}
content=$(directive agent-content); content=${content:-"implemented by $name"}
linger=$(directive agent-linger); linger=${linger:-0}
code=$(directive agent-exit); code=${code:-3}
claim=$(directive agent-claim); claim=${claim:-CZAR_DONE}
say=$(directive agent-say)
message=$(directive agent-message); message=${message:-"$name: implement"}

commit() { # path content message
  mkdir -p "$(dirname "$1")"
  printf '%s\n' "$2" > "$1"
  git add "$1"
  git -c user.name="scripted agent" -c user.email=agent@example.com -c commit.gpgsign=false commit -q -m "$3"
  echo "committed $1 at $(git rev-parse --short HEAD)"
}
keep_working() { for ((s = 0; s < linger * 2; s++)); do echo "still working ($s)"; sleep 0.5; done; }

echo "scripted agent: $name on ${CZAR_BRANCH:-?}, attempt ${CZAR_ATTEMPT:-1}, mode $mode, pid $$"
if [ -n "$say" ]; then printf '%b\n' "$say"; fi
case "$mode" in
  commit)
    commit "$file" "$content" "$message"; keep_working; echo "done"; exit 0 ;;
  commit-listen)
    commit "$file" "$content" "$message"
    heard=0
    for ((s = 0; s < linger * 2; s++)); do
      if IFS= read -r -t 0.5 line; then
        echo "heard: $line"
        if [ "$heard" = 0 ]; then heard=1; commit "work/$name-more.txt" "$content" "$message (more)"; fi
      elif [ $? -le 128 ]; then sleep 0.5; fi # stdin closed: wait like a timeout would
    done
    echo "done"; exit 0 ;;
  crash)
    echo "error: the build broke" >&2; exit "$code" ;;
  crash-first)
    if [ "${CZAR_ATTEMPT:-1}" = 1 ]; then echo "error: crashing on the first attempt" >&2; exit "$code"; fi
    commit "$file" "$content" "$name: implement"; exit 0 ;;
  hang)
    echo "thinking..."; sleep 3600 & wait ;;
  claim-done)
    echo "All done! The task is complete."; exit 0 ;;
  lazy)
    if grep -q "was refused" "$task_file"; then commit "$file" "$content" "$name: implement for real"
    else echo "All done! The task is complete."; fi
    exit 0 ;;
  test-stub)
    commit "src/test/java/${name//[^a-zA-Z]/}Test.java" "class ${name//[^a-zA-Z]/}Test { /* TODO: assert something */ }" \
      "$name: add test"; exit 0 ;;
  stub)
    commit "src/main/java/Feature.java" "class Feature { void run() { throw new UnsupportedOperationException(\"TODO\"); } }" \
      "$name: add feature"; exit 0 ;;
  commit-fix)
    if grep -q "was refused" "$task_file"; then
      sed -n '/was refused/,$p' "$task_file" | sed 's/^/saw: /'
      commit "$file" "$content (fixed)" "$name: fix what the checks found"
    else commit "$file" "$content" "$name: implement"; fi
    exit 0 ;;
  tick)
    for ((s = 1; ; s++)); do echo "tick $s"; sleep 0.5; done ;;
  commit-then-claim)
    commit "$file" "$content" "$name: implement"; echo "$claim"; echo "waiting to be ended"; sleep 3600 & wait ;;
  claim-no-commit)
    echo "$claim"; echo "waiting to be ended"; sleep 3600 & wait ;;
  ask)
    printf 'Apply the change to %s? [y/n] ' "$file"
    IFS= read -r answer
    echo "got answer: $answer"
    if [ "$answer" = y ] || [ "$answer" = yes ]; then commit "$file" "$content" "$name: implement"; exit 0; fi
    echo "not applying"; exit 1 ;;
  *)
    echo "unknown agent-mode: $mode" >&2; exit 2 ;;
esac
