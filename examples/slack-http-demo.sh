#!/bin/sh
# End-to-end Slack over HTTP without Slack: WireMock (standalone jar from the local Maven repo) stands in for the
# Slack Web API with the test fixtures, `czar serve --http` runs against it, and curl sends requests signed the way
# Slack signs them. Prints each HTTP status and what czar posted to the stub.
# Usage: examples/slack-http-demo.sh REPO [PORT]   (after ./mvnw package, which also fetches WireMock)
set -eu
repo=${1:?usage: examples/slack-http-demo.sh REPO [PORT]}
port=${2:-3000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
stub_port=18089
wiremock=$(ls "$HOME"/.m2/repository/org/wiremock/wiremock-standalone/3.*/wiremock-standalone-3.*.jar | tail -1)
export SLACK_BOT_TOKEN=xoxb-test-not-a-real-token SLACK_SIGNING_SECRET=not-a-real-signing-secret-0123456789
export CZAR_SLACK_API_URL="http://127.0.0.1:$stub_port/api/"

mkdir -p "$work/stub/mappings" "$work/stub/__files"
for m in auth.test chat.postMessage chat.update reactions.add reactions.remove; do
  cp "$root/src/test/resources/fixtures/slack/$m.json" "$work/stub/__files/"
  printf '{"request":{"method":"POST","urlPath":"/api/%s"},"response":{"status":200,"headers":{"Content-Type":"application/json"},"bodyFileName":"%s.json"}}\n' "$m" "$m" > "$work/stub/mappings/$m.json"
done
java -jar "$wiremock" --bind-address 127.0.0.1 --port $stub_port --root-dir "$work/stub" --disable-banner >"$work/wiremock.log" 2>&1 &
stub_pid=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$stub_port/__admin/health" && break; sleep 0.5; done
java -jar "$root/target/czar.jar" serve --http "$port" --repo "$repo" --home "$work/home" >"$work/serve.out" 2>&1 &
czar_pid=$!
trap 'kill $czar_pid $stub_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do grep -q "czar serving" "$work/serve.out" 2>/dev/null && break; sleep 0.5; done
cat "$work/serve.out"

fill() { # fill FIXTURE key=value... -> body file without trailing newline
  body=$(cat "$root/src/test/resources/fixtures/slack/payloads/$1"); shift
  for kv in "$@"; do body=$(printf '%s' "$body" | sed "s|\${${kv%%=*}}|${kv#*=}|g"); done
  printf '%s' "$body" > "$work/body"
}
send() { # send LABEL CONTENT_TYPE TIMESTAMP SECRET [extra curl args...]
  label=$1 type=$2 ts=$3 secret=$4; shift 4
  sig="v0=$(printf 'v0:%s:%s' "$ts" "$(cat "$work/body")" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
  printf '%-44s ' "$label"
  curl -s -o /dev/null -w 'HTTP %{http_code} in %{time_total}s\n' -X POST "http://127.0.0.1:$port/slack/events" \
    -H "Content-Type: $type" -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" "$@" \
    --data-binary @"$work/body"
}

fill app_mention.json user=U0VIEWER01 'text=status of agent/payments-refunds' ts=1764250000.000100 event_id=Ev0DEMO0001
now() { date +%s; }
send "app_mention (signed)" application/json "$(now)" "$SLACK_SIGNING_SECRET"
sleep 1
send "same event again, X-Slack-Retry-Num: 1" application/json "$(now)" "$SLACK_SIGNING_SECRET" -H 'X-Slack-Retry-Num: 1' -H 'X-Slack-Retry-Reason: http_timeout'
send "signed with the wrong secret" application/json "$(now)" wrong-secret
send "timestamp 6 minutes old" application/json "$(($(now) - 360))" "$SLACK_SIGNING_SECRET"
fill slash_command.txt user=U0VIEWER01 text=kill+agent-7
send "/czar kill agent-7 (viewer)" application/x-www-form-urlencoded "$(now)" "$SLACK_SIGNING_SECRET"
fill slash_command.txt user=U0VIEWER01 text=frobnicate
send "/czar frobnicate" application/x-www-form-urlencoded "$(now)" "$SLACK_SIGNING_SECRET"
sleep 2

echo
echo "What czar sent to the Slack Web API stub:"
curl -s "http://127.0.0.1:$stub_port/__admin/requests" | python3 -c '
import json, sys, urllib.parse
for r in reversed(json.load(sys.stdin)["requests"]):
    method = r["request"]["url"].rsplit("/", 1)[-1]
    form = dict(urllib.parse.parse_qsl(r["request"]["body"]))
    if method != "chat.postMessage":
        print(method); continue
    print("%s channel=%s thread_ts=%s" % (method, form.get("channel"), form.get("thread_ts")))
    print("  text:   " + form.get("text", "").replace("\n", "\n          "))
    print("  blocks: " + json.dumps(json.loads(form.get("blocks", "[]")), ensure_ascii=False))
'
echo
echo "Audit log (H2):"
kill $czar_pid; wait $czar_pid 2>/dev/null || true
java -cp "$root/target/czar.jar" org.h2.tools.Shell -url "jdbc:h2:file:$work/home/db/czar" -user czar -password "" \
  -sql "SELECT user_id, command, arguments, outcome FROM audit_log ORDER BY id; SELECT COUNT(*) AS slack_events FROM slack_events"
