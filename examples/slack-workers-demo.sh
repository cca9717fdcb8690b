#!/bin/sh
# A worker's question answered in its Slack thread, then czar's confirmed merge, without Slack: WireMock stands in for
# the Slack Web API (test fixtures), `czar serve --http` supervises the scripted agent, and curl sends events signed
# the way Slack signs them. Prints what czar posted, the workstream's history, main's log and the audit rows.
# Usage: examples/slack-workers-demo.sh DIR [PORT]   (DIR must not exist; after ./mvnw package)
set -eu
dir=${1:?usage: examples/slack-workers-demo.sh DIR [PORT]}
port=${2:-3001}
[ ! -e "$dir" ] || { echo "slack-workers-demo: $dir already exists" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
stub_port=18090
wiremock=$(ls "$HOME"/.m2/repository/org/wiremock/wiremock-standalone/3.*/wiremock-standalone-3.*.jar | tail -1)
export SLACK_BOT_TOKEN=xoxb-test-not-a-real-token SLACK_SIGNING_SECRET=not-a-real-signing-secret-0123456789
export CZAR_SLACK_API_URL="http://127.0.0.1:$stub_port/api/"
mkdir -p "$dir/stub/mappings" "$dir/stub/__files"
git init -q -b main "$dir/repo"
printf 'demo\n' > "$dir/repo/README.md"
git -C "$dir/repo" add README.md
git -C "$dir/repo" -c user.name=demo -c user.email=demo@example.com -c commit.gpgsign=false commit -q -m initial
cat > "$dir/czar.yaml" <<YAML
access: { admins: [U0ADMIN001], operators: [U0OPER0001] }
dashboard: { port: 0 }
workers:
  command: [bash, $root/examples/agents/scripted-agent.sh]
  poll-interval: 200ms
  input-after: 1s
  unsafe: { auto-merge: true }
YAML
czar() { java -jar "$root/target/czar.jar" "$@" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml"; }

for m in auth.test chat.postMessage chat.update reactions.add reactions.remove; do
  cp "$root/src/test/resources/fixtures/slack/$m.json" "$dir/stub/__files/"
  printf '{"request":{"method":"POST","urlPath":"/api/%s"},"response":{"status":200,"headers":{"Content-Type":"application/json"},"bodyFileName":"%s.json"}}\n' "$m" "$m" > "$dir/stub/mappings/$m.json"
done
java -jar "$wiremock" --bind-address 127.0.0.1 --port $stub_port --root-dir "$dir/stub" --disable-banner >"$dir/wiremock.log" 2>&1 &
stub_pid=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$stub_port/__admin/health" && break; sleep 0.5; done
java -jar "$root/target/czar.jar" serve --http "$port" --repo "$dir/repo" --home "$dir/home" --config "$dir/czar.yaml" \
  >"$dir/serve.out" 2>&1 &
czar_pid=$!
trap 'kill $czar_pid $stub_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do grep -q "czar serving" "$dir/serve.out" 2>/dev/null && break; sleep 0.5; done

fill() { # fill FIXTURE key=value... -> body file without trailing newline
  body=$(cat "$root/src/test/resources/fixtures/slack/payloads/$1"); shift
  for kv in "$@"; do body=$(printf '%s' "$body" | sed "s|\${${kv%%=*}}|${kv#*=}|g"); done
  printf '%s' "$body" > "$dir/body"
}
send() { # send LABEL CONTENT_TYPE [extra curl args...]
  label=$1 type=$2; shift 2
  ts=$(date +%s)
  sig="v0=$(printf 'v0:%s:%s' "$ts" "$(cat "$dir/body")" | openssl dgst -sha256 -hmac "$SLACK_SIGNING_SECRET" -r | cut -d' ' -f1)"
  printf '%-58s ' "$label"
  curl -s -o /dev/null -w 'HTTP %{http_code}\n' -X POST "http://127.0.0.1:$port/slack/events" \
    -H "Content-Type: $type" -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" "$@" --data-binary @"$dir/body"
}
state() { czar workers --json | python3 -c 'import json,sys; print(next(w["state"] for w in json.load(sys.stdin) if w["name"]==sys.argv[1]))' "$1"; }
await() { # await NAME STATE
  for _ in $(seq 1 120); do [ "$(state "$1")" = "$2" ] && { echo "  ... $1 is $2"; return; }; sleep 1; done
  echo "  ... $1 did not become $2" >&2; exit 1
}
posts() { curl -s "http://127.0.0.1:$stub_port/__admin/requests" | python3 -c '
import json, sys, urllib.parse
for r in reversed(json.load(sys.stdin)["requests"]):
    if r["request"]["url"].endswith("/chat.postMessage"):
        form = dict(urllib.parse.parse_qsl(r["request"]["body"]))
        print("chat.postMessage thread_ts=%s  %s" % (form.get("thread_ts"), form.get("text", "").split("\n")[0]))'; }
confirm_id() { curl -s "http://127.0.0.1:$stub_port/__admin/requests" | python3 -c '
import json, re, sys, urllib.parse
for r in json.load(sys.stdin)["requests"]:
    blocks = dict(urllib.parse.parse_qsl(r["request"]["body"])).get("blocks", "")
    m = re.search(r"\"action_id\": ?\"czar_confirm\"[^}]*?\"value\": ?\"([^\"]+)\"", blocks) or re.search(r"\"value\": ?\"([^\"]+)\"[^}]*?\"action_id\": ?\"czar_confirm\"", blocks)
    if m: print(m.group(1)); break'; }

fill slash_command.txt user=U0OPER0001 'text=launch+asker+Implement+the+asker%0Aagent-mode%3A+ask'
send "/czar launch asker (operator; the agent will ask y/n)" application/x-www-form-urlencoded
await asker NEEDS_INPUT
fill message.thread.json user=U0VIEWER01 text=y ts=1764250000.000301 thread_ts=1764250000.000200 event_id=Ev0DEMO0301
send "thread reply 'y' without mention (viewer)" application/json
fill message.thread.json user=U0OPER0001 text=y ts=1764250000.000302 thread_ts=1764250000.000200 event_id=Ev0DEMO0302
send "thread reply 'y' without mention (operator)" application/json
send "same event again, X-Slack-Retry-Num: 1" application/json -H 'X-Slack-Retry-Num: 1' -H 'X-Slack-Retry-Reason: http_timeout'
await asker VERIFYING
sleep 2
echo "\$ echo edit >> README.md; czar merge asker   # main is checked out here and not clean"
echo edit >> "$dir/repo/README.md"; czar merge asker || true
git -C "$dir/repo" checkout -q README.md
fill slash_command.txt user=U0ADMIN001 text=merge+asker
send "/czar merge asker (admin)" application/x-www-form-urlencoded
sleep 2
fill block_actions.json user=U0ADMIN001 action_id=czar_confirm "value=$(confirm_id)"
python3 -c 'import sys, urllib.parse; sys.stdout.write("payload=" + urllib.parse.quote(open(sys.argv[1]).read(), safe=""))' \
  "$dir/body" > "$dir/body.form" && mv "$dir/body.form" "$dir/body"
send "Confirm button (admin)" application/x-www-form-urlencoded
await asker DONE
sleep 1

echo; echo "What czar posted to the Slack Web API stub:"; posts
echo; echo "\$ czar workers asker"; czar workers asker
echo; echo "\$ git log --graph --oneline main; git status --short"
git -C "$dir/repo" log --graph --format='%h %s (%an)' main; git -C "$dir/repo" status --short
echo; echo "\$ czar merge asker   # from the CLI, now that it is done"; czar merge asker || true
kill $czar_pid; wait $czar_pid 2>/dev/null || true
echo; echo "Audit log (H2):"
java -cp "$root/target/czar.jar" org.h2.tools.Shell -url "jdbc:h2:file:$dir/home/db/czar" -user czar -password "" \
  -sql "SELECT user_id, channel, command, arguments, outcome FROM audit_log ORDER BY id; SELECT COUNT(*) AS answers_written FROM worker_inputs"
