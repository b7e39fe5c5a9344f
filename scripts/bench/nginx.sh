# Sourced by the benchmarks: nginx serving a directory on a free 127.0.0.1 port, configured as
# the integration tests configure it (tests/integration/support/nginx_server.cpp).
#
#   start_nginx ROOT STATE   serves ROOT, keeps pid, logs and temp files in STATE; sets
#                            nginx_port (nginx is /usr/sbin/nginx, or $GATOR_NGINX)
#   stop_nginx STATE         stops the server started with STATE (nothing if there is none)

start_nginx() {
  local root=$1 state=$2
  local nginx=${GATOR_NGINX:-/usr/sbin/nginx}
  [[ -x $nginx ]] || { echo "nginx not found at $nginx (set GATOR_NGINX)" >&2; return 1; }
  nginx_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$state/logs" "$state/tmp"
  local user_line=
  if ((EUID == 0)); then user_line="user $(id -un) $(id -gn);"; fi
  cat >"$state/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid "$state/nginx.pid";
lock_file "$state/nginx.lock";
error_log "$state/logs/error.log" warn;
$user_line
events { worker_connections 1024; }
http {
  access_log "$state/logs/access.log";
  client_body_temp_path "$state/tmp/client_body";
  proxy_temp_path "$state/tmp/proxy";
  fastcgi_temp_path "$state/tmp/fastcgi";
  uwsgi_temp_path "$state/tmp/uwsgi";
  scgi_temp_path "$state/tmp/scgi";
  types {
    text/html html htm;
    application/zip whl;
  }
  default_type application/octet-stream;
  sendfile on;
  keepalive_timeout 60s;
  keepalive_requests 10000;
  server {
    listen 127.0.0.1:$nginx_port;
    server_name localhost;
    root "$root";
  }
}
CONF
  "$nginx" -p "$state" -c "$state/nginx.conf"
  local _
  for _ in $(seq 50); do
    # Any HTTP answer will do (a directory without an index is 403).
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $nginx_port), 1).close()" \
      2>/dev/null && return 0
    sleep 0.1
  done
  echo "nginx did not answer on 127.0.0.1:$nginx_port (see $state/logs/error.log)" >&2
  return 1
}

stop_nginx() {
  local state=$1
  if [[ -f $state/nginx.pid ]]; then
    kill -QUIT "$(cat "$state/nginx.pid")" 2>/dev/null || true
  fi
}
