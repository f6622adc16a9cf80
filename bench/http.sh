#!/bin/sh
# bench/http.sh - requests per second of `fazhi serve` against nginx
# serving a static file of similar size, on this machine, in the same run.
# Loopback only; each wrk run is bounded by -d; both servers are stopped
# at exit. Prints "name: value unit" lines and the ratio last.
#   env: DURATION=10s CONNS=64 THREADS=2
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
export PATH="$PATH:/usr/sbin:/sbin"

need=""
command -v wrk >/dev/null 2>&1 || need="$need wrk"
command -v nginx >/dev/null 2>&1 || need="$need nginx-light"
if [ -n "$need" ]; then
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	apt-get install -y -qq $need >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null; }
fi
make -C "$root" build >/dev/null

work=$(mktemp -d /tmp/fazhi-bench-XXXXXX)
nginx_pid=""
fazhi_pid=""
cleanup() {
	[ -n "$fazhi_pid" ] && kill "$fazhi_pid" 2>/dev/null || true
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
	sleep 0.3
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

# nginx: two workers, no access log, keep-alive, a small JSON file.
mkdir -p "$work/www" "$work/nginx"
printf '{"status":"ok","note":"static reference body of about the same size"}\n' \
	>"$work/www/healthz.json"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	keepalive_requests 100000;
	client_body_temp_path $work/nginx;
	proxy_temp_path $work/nginx;
	fastcgi_temp_path $work/nginx;
	uwsgi_temp_path $work/nginx;
	scgi_temp_path $work/nginx;
	server {
		listen 127.0.0.1:18181;
		root $work/www;
	}
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!

"$root/build/fazhi" demo --db "$work/demo.db" >/dev/null
# All of wrk's connections come from 127.0.0.1: lift the per-address limit.
"$root/build/fazhi" serve --db "$work/demo.db" --listen 127.0.0.1:18182 \
	--connections-per-address 4096 2>/dev/null &
fazhi_pid=$!
sleep 1

rps() {
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "$@" | awk '/Requests\/sec/ {print $2}'
}
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d '{"username":"supervisor","password":"Demo@2026"}' \
	http://127.0.0.1:18182/api/v1/session | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
nginx_rps=$(rps http://127.0.0.1:18181/healthz.json)
health_rps=$(rps http://127.0.0.1:18182/healthz)
cert_rps=$(rps http://127.0.0.1:18182/api/v1/public/certificates/NX05220001)
# Signed in: session lookup, scope, a page of 20 certificates as JSON.
list_rps=$(rps -H "Authorization: Bearer $token" \
	"http://127.0.0.1:18182/api/v1/certificates?limit=20")
echo "nginx_static_json: $nginx_rps req/s"
echo "fazhi_healthz: $health_rps req/s"
echo "fazhi_public_certificate: $cert_rps req/s"
echo "fazhi_certificate_list_signed_in: $list_rps req/s"
awk -v a="$health_rps" -v b="$nginx_rps" 'BEGIN {printf "ratio_healthz_to_nginx: %.2f\n", a / b}'
awk -v a="$cert_rps" -v b="$nginx_rps" 'BEGIN {printf "ratio_public_certificate_to_nginx: %.2f\n", a / b}'
awk -v a="$list_rps" -v b="$nginx_rps" 'BEGIN {printf "ratio_certificate_list_to_nginx: %.2f\n", a / b}'
