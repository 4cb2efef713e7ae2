#!/usr/bin/env bash
# The deadline rush, end to end (run by hand, not in CI):
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_national bash bench/load_test.sh 200 120
# gunicorn (4 workers) + PostgreSQL on this machine; Locust prints requests/s, p50/p95/p99 and
# errors; then every value the simulated officials saved last is checked against the database.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-200}
seconds=${2:-120}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database made by bench/generate.py}"
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECRET_KEY=${SECRET_KEY:-load-test-$(date +%s)-$RANDOM-$RANDOM}
# Plain HTTP on loopback: no TLS redirect, cookies without the Secure flag.
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export LOAD_USERS=/tmp/load-users.json LOAD_RESULTS=/tmp/load-results
py=.venv/bin/python
$py -m pip install --quiet -r bench/requirements-bench.txt
$py manage.py migrate --verbosity 0
$py manage.py collectstatic --noinput --verbosity 0
(cd bench && ../$py load_setup.py "$users" "$LOAD_USERS")
.venv/bin/gunicorn cchc_portal.wsgi -w 4 -b 127.0.0.1:8010 --timeout 60 --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 3
# Officials arrive over the first minute or two (2 a second), as a deadline morning does; the
# last requests are allowed to finish (--stop-timeout) before the check.
.venv/bin/locust -f bench/locustfile.py --headless -u "$users" -r "${RATE:-2}" -t "${seconds}s" \
  --stop-timeout 30 --host http://127.0.0.1:8010 --only-summary --csv /tmp/load
(cd bench && ../$py verify_load.py "$LOAD_RESULTS")
