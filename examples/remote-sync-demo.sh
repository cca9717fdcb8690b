#!/bin/sh
# issue 19, remote sync: a repository whose remote (a bare repository on disk) got a teammate's commit; czar's status
# answer fetches it first; then the remote goes away and the answer still comes, from the last fetch, saying how old
# that is and why. Usage: examples/remote-sync-demo.sh   (builds target/czar.jar through ./czar when needed)
set -e
here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" GIT_CONFIG_NOSYSTEM=1
czar() { "$here/czar" --repo "$tmp/shop" --home "$tmp/home" "$@" | sed "s#$tmp#<tmp>#g"; }
cd "$tmp"
git init -q --bare -b main remote.git
git init -q -b main shop
git -C shop -c user.name=Alice -c user.email=alice@example.com commit -q --allow-empty -m initial
git -C shop remote add origin "$tmp/remote.git"
git -C shop push -q origin main
git clone -q remote.git teammate
echo '<header>shop</header>' > teammate/header.html
git -C teammate add header.html
git -C teammate -c user.name=Bob -c user.email=bob@example.com commit -qm "Add the site header"
git -C teammate push -q origin main
echo '$ czar ask "list the branches"          # the remote has a commit the local clone never fetched'
czar ask "list the branches"
mv remote.git moved.git
sleep 2
echo '$ mv remote.git moved.git; CZAR_GIT_FETCH_INTERVAL=1s czar ask "list the branches"'
CZAR_GIT_FETCH_INTERVAL=1s czar ask "list the branches"
