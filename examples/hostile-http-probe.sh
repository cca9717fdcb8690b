#!/bin/sh
# The HTTP front doors of `czar serve --http` (Slack endpoint and dashboard) under the probes of issue 18, against
# the packaged jar: WireMock stands in for the Slack Web API (as in slack-http-demo.sh), curl and a small Python
# client send the requests. Loopback only. Prints each probe with what came back.
# Usage: examples/hostile-http-probe.sh REPO [PORT] [DASHBOARD_PORT]   (after ./mvnw package)
set -eu
repo=${1:?usage: examples/hostile-http-probe.sh REPO [PORT] [DASHBOARD_PORT]}
port=${2:-3000}
dport=${3:-8077}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
stub_port=18089
wiremock=$(ls "$HOME"/.m2/repository/org/wiremock/wiremock-standalone/3.*/wiremock-standalone-3.*.jar | tail -1)
secret=not-a-real-signing-secret-0123456789
export SLACK_BOT_TOKEN=xoxb-test-not-a-real-token SLACK_SIGNING_SECRET=$secret
export CZAR_SLACK_API_URL="http://127.0.0.1:$stub_port/api/"
printf 'access:\n  admins: [U0ADMIN001]\ndashboard:\n  port: %s\n' "$dport" > "$work/czar.yaml"

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
trap 'kill $czar_pid $stub_pid 2>/dev/null; wait $czar_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do grep -q "dashboard at" "$work/serve.out" 2>/dev/null && break; sleep 0.5; done
cat "$work/serve.out"

fill() { # fill FIXTURE key=value... -> body file without trailing newline
  body=$(cat "$root/src/test/resources/fixtures/slack/payloads/$1"); shift
  for kv in "$@"; do body=$(printf '%s' "$body" | sed "s|\${${kv%%=*}}|${kv#*=}|g"); done
  printf '%s' "$body" > "$work/body"
}
send() { # send LABEL CONTENT_TYPE TIMESTAMP SECRET [extra curl args...]
  label=$1 type=$2 ts=$3 key=$4; shift 4
  sig="v0=$(printf 'v0:%s:%s' "$ts" "$(cat "$work/body")" | openssl dgst -sha256 -hmac "$key" -r | cut -d' ' -f1)"
  printf '%-52s ' "$label"
  curl -s -o /dev/null -w 'HTTP %{http_code} in %{time_total}s\n' -X POST "http://127.0.0.1:$port/slack/events" \
    -H "Content-Type: $type" -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" "$@" \
    --data-binary @"$work/body"
}
prompts() { # chat.postMessage calls carrying a Confirm button, as the stub received them
  curl -s "http://127.0.0.1:$stub_port/__admin/requests" | python3 -c '
import json, sys
print(sum(1 for r in json.load(sys.stdin)["requests"]
          if r["request"]["url"].endswith("/chat.postMessage") and "czar_confirm" in r["request"]["body"]))'
}

echo; echo "1. slowloris: 40 connections per door sending headers one byte every 200 ms"
python3 - "$port" "$dport" "$secret" "$root" <<'PY'
import hashlib, hmac, socket, sys, threading, time, urllib.request
port, dport, secret, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
def slow(p, n):
    head = ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Padding: %s\r\n\r\n" % (p, "p" * 400)).encode()
    socks = [socket.create_connection(("127.0.0.1", p)) for _ in range(n)]
    closed = {}
    start = time.time()
    def trickle():
        for b in range(len(head)):
            for i, s in enumerate(socks):
                if i in closed: continue
                try:
                    s.setblocking(False)
                    try:
                        if s.recv(1) == b"": closed[i] = time.time() - start; continue
                    except BlockingIOError: pass
                    s.setblocking(True); s.send(head[b:b + 1])
                except OSError: closed[i] = time.time() - start
            if len(closed) == n: return
            time.sleep(0.2)
    t = threading.Thread(target=trickle, daemon=True); t.start()
    return t, closed, n
body = open(root + "/src/test/resources/fixtures/slack/payloads/app_mention.json").read().strip()
for k, v in {"user": "U0VIEWER01", "text": "status", "ts": "1764250000.000500", "event_id": "Ev0PROBE01"}.items():
    body = body.replace("${%s}" % k, v)
doors = {"slack": slow(port, 40), "dashboard": slow(dport, 40)}
time.sleep(1)
ts = str(int(time.time()))
sig = "v0=" + hmac.new(secret.encode(), ("v0:%s:%s" % (ts, body)).encode(), hashlib.sha256).hexdigest()
req = urllib.request.Request("http://127.0.0.1:%d/slack/events" % port, data=body.encode(), method="POST",
    headers={"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig})
t0 = time.time(); status = urllib.request.urlopen(req, timeout=30).status
print("   signed app_mention during slowloris: HTTP %d in %.3fs" % (status, time.time() - t0))
t0 = time.time(); status = urllib.request.urlopen("http://127.0.0.1:%d/health" % dport, timeout=30).status
print("   dashboard /health during slowloris:  HTTP %d in %.3fs" % (status, time.time() - t0))
for name, (t, closed, n) in doors.items():
    t.join(60)
    print("   %-9s slow connections closed by czar: %d of %d, after %.1f-%.1fs" % (name, len(closed), n,
          min(closed.values() or [0]), max(closed.values() or [0])))
PY

echo; echo "2. a 10 MB body of one repeated letter"
head -c 10485760 /dev/zero | tr '\0' a > "$work/body"
send "10 MB of 'a', signature made up" application/json "$(date +%s)" wrong-secret -H 'Expect:'

echo; echo "3. timestamps"
fill app_mention.json user=U0VIEWER01 'text=status' ts=1764250000.000600 event_id=Ev0PROBE02
send "signed, timestamp 6 minutes in the future" application/json "$(($(date +%s) + 360))" "$secret"
send "signed, timestamp 6 minutes old" application/json "$(($(date +%s) - 360))" "$secret"

echo; echo "4. one signed slash command (admin: /czar kill agent-7) sent three times"
fill slash_command.txt user=U0ADMIN001 text=kill+agent-7
ts=$(date +%s)
for i in 1 2 3; do send "same body, same timestamp and signature (#$i)" application/x-www-form-urlencoded "$ts" "$secret"; done
sleep 2
echo "   confirmation prompts posted to the Slack stub: $(prompts)"

echo; echo "5. a forged body dressed as log lines (wrong secret), then what czar.log says"
printf '{"x":1}\n2026-12-07 00:00:00,000 ERROR [main] dev.czar.Czar - FORGED-MARKER admin granted' > "$work/body"
send "forged body with a line break and a fake log line" application/json "$(date +%s)" wrong-secret
sleep 1
echo "   lines of czar.log with FORGED-MARKER: $(grep -c FORGED-MARKER "$work/home/logs/czar.log" || true)"
grep -h "refused\|replayed" "$work/home/logs/czar.log" | sed 's/^[^ ]* [^ ]* /   /'

echo; echo "6. dashboard Host header"
for h in "127.0.0.1:$dport" "localhost:$dport" "evil.example:$dport" "evil.example"; do
  printf '   Host: %-28s ' "$h"
  curl -s -o /dev/null -w 'HTTP %{http_code}\n' -H "Host: $h" "http://127.0.0.1:$dport/"
done
