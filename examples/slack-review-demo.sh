#!/bin/sh
# `/czar review BRANCH` over Slack HTTP without Slack, as examples/slack-http-demo.sh does for questions: WireMock
# stands in for the Slack Web API, `czar serve --http` runs with U0OPERATOR1 as an operator, and curl sends one
# slash command signed the way Slack signs it. Prints what czar posted back.
# Usage: examples/slack-review-demo.sh REPO BRANCH [PORT]   (after ./mvnw package)
set -eu
repo=${1:?usage: examples/slack-review-demo.sh REPO BRANCH [PORT]}
branch=${2:?usage: examples/slack-review-demo.sh REPO BRANCH [PORT]}
port=${3:-3077}
stub_port=18089
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
wiremock=$(ls "$HOME"/.m2/repository/org/wiremock/wiremock-standalone/3.*/wiremock-standalone-3.*.jar | tail -1)
export SLACK_BOT_TOKEN=xoxb-test-not-a-real-token SLACK_SIGNING_SECRET=not-a-real-signing-secret-0123456789
export CZAR_SLACK_API_URL="http://127.0.0.1:$stub_port/api/"
printf 'access:\n  operators: [U0OPERATOR1]\n' > "$work/czar.yaml"
mkdir -p "$work/stub/mappings" "$work/stub/__files"
for m in auth.test chat.postMessage chat.update reactions.add reactions.remove; do
  cp "$root/src/test/resources/fixtures/slack/$m.json" "$work/stub/__files/"
  printf '{"request":{"method":"POST","urlPath":"/api/%s"},"response":{"status":200,"headers":{"Content-Type":"application/json"},"bodyFileName":"%s.json"}}\n' "$m" "$m" > "$work/stub/mappings/$m.json"
done
java -jar "$wiremock" --bind-address 127.0.0.1 --port $stub_port --root-dir "$work/stub" --disable-banner >"$work/wiremock.log" 2>&1 &
stub_pid=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$stub_port/__admin/health" && break; sleep 0.5; done
java -jar "$root/target/czar.jar" serve --http "$port" --repo "$repo" --home "$work/home" --config "$work/czar.yaml" >"$work/serve.out" 2>&1 &
czar_pid=$!
trap 'kill $czar_pid $stub_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do grep -q "czar serving" "$work/serve.out" 2>/dev/null && break; sleep 0.5; done
cat "$work/serve.out"
body=$(sed -e 's|${user}|U0OPERATOR1|' -e "s|\${text}|review+$(printf '%s' "$branch" | sed 's|/|%2F|g')|" "$root/src/test/resources/fixtures/slack/payloads/slash_command.txt")
printf '%s' "$body" > "$work/body"
ts=$(date +%s)
sig="v0=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SLACK_SIGNING_SECRET" -r | cut -d' ' -f1)"
printf '/czar review %s (operator)  ' "$branch"
curl -s -o /dev/null -w 'HTTP %{http_code} in %{time_total}s\n' -X POST "http://127.0.0.1:$port/slack/events" \
  -H "Content-Type: application/x-www-form-urlencoded" -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" --data-binary @"$work/body"
sleep 4
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
    blocks = json.loads(form.get("blocks", "[]"))
    print("  blocks: %d; the report is carried in section blocks, the last one ends:" % len(blocks))
    texts = [b["text"]["text"] for b in blocks if b.get("type") == "section"]
    print("          " + texts[-1][-700:].replace("\n", "\n          "))
'
