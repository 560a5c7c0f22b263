# Sourced by the scripts that drive `ketnoi serve` (tools/load-test.sh, tools/api-latency.sh,
# tests/browser/run.sh): one way to start it on a free loopback port.
#
# serve_on_free_port DIR BIN [SERVE_ARGS...]
#   Starts `BIN serve --host 127.0.0.1 --port 0 SERVE_ARGS...` in the background (stdout in
#   DIR/serve.out, stderr in DIR/serve.log) and waits up to 60 s for the address it prints.
#   Sets server_pid and url. Returns 1 (after printing the log) when the server exits or
#   prints no address; the caller still stops server_pid.

serve_on_free_port() {
  local dir=$1 bin=$2
  shift 2
  "$bin" serve --host 127.0.0.1 --port 0 "$@" >"$dir/serve.out" 2>"$dir/serve.log" &
  server_pid=$!
  url=""
  local _
  for _ in $(seq 1 600); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$dir/serve.out" 2>/dev/null | head -1 || true)
    [ -n "$url" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$bin serve did not start:"
  cat "$dir/serve.log"
  return 1
}
