#!/usr/bin/env python
"""Load test of the seat rule over HTTP: gunicorn with 4 workers on PostgreSQL, N clients.

Each client, in its own thread with its own cookie jar, GETs the registration form (for its
CSRF cookie and token and the form's one-time token), waits until every client has its form,
then all POST at once. The script prints how many seats were confirmed and waitlisted (read
from the database afterwards), how many requests failed, and POST latency percentiles.

    .venv/bin/python bench/workshop_load.py                       # 200 clients, 100 seats
    .venv/bin/python bench/workshop_load.py --clients 400 --workers 4 --port 8015

Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432) and Redis
(BENCH_REDIS, default redis://127.0.0.1:6379/5). It (re)creates its own database
(--database, default fpp_workshops_bench); the settings are production's (DEBUG off,
collected static files, Redis cache) except plain http on 127.0.0.1 and a raised
WORKSHOP_RATE_LIMIT, because every client comes from the same address.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
SLUG = "bench-workshop"

# Only the current edition, published and not over, takes registrations: the shipped 2016
# edition is past, so the bench adds an upcoming one of its own (bench data, never content).
ARRANGE = """
import datetime
from festival.models import Edition
from festival.queries import forget_current_edition
from festival.sitewide import clock
from workshops.models import Workshop
now = clock.now()
start = clock.today() + datetime.timedelta(days=30)
edition, _ = Edition.objects.update_or_create(slug="bench-edition", defaults=dict(
    year=start.year, name="Bench edition", start_date=start, end_date=start,
    venue_name="Bench venue", organiser="Bench", about="Bench", is_published=True))
forget_current_edition()
Workshop.objects.update_or_create(edition=edition, slug="{slug}", defaults=dict(
    title="Bench workshop", capacity={capacity}, waitlist_size=100_000, office_cap=10_000,
    registration_opens=now - datetime.timedelta(hours=1),
    registration_closes=now + datetime.timedelta(days=1)))
"""

COUNT = """
import json
from django.db.models import Count
from workshops.models import Registration
rows = Registration.objects.filter(workshop__slug="{slug}").values_list("status").annotate(n=Count("pk"))
print(json.dumps(dict(rows)))
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def manage(env, *args, capture=False):
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


def recreate_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def client(base: str, n: int, barrier: threading.Barrier, results: list) -> None:
    """One person: GET the form, wait for everyone, POST it. The outcome keeps the browser
    (opener), the address and the form, so the person can press again (bench/db_restart.py)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    url = f"{base}/workshop/{SLUG}/daftar/"
    outcome = {"n": n, "status": None, "error": None, "post_ms": None, "opener": opener}
    try:
        with opener.open(url, timeout=120) as response:
            page = response.read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        kecamatan = re.search(r'<select name="kecamatan"[^>]*>.*?<option value="(\d+)"', page, re.S)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "token": token,
                "full_name": f"Peserta Beban {n}",
                "position": "Kasi Pelayanan",
                "office_kind": "kecamatan",
                "kecamatan": kecamatan.group(1),
                "phone": f"0812 9{n:07d}",
                "consent": "on",
            }
        ).encode()
    except Exception as error:  # noqa: BLE001 - reported as an error of this client
        outcome["error"] = f"GET: {error!r}"
        results.append(outcome)
        barrier.abort()
        return
    outcome.update(url=url, data=data)
    # A client whose GET failed breaks the barrier; the others still post.
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait(timeout=300)
    results.append(send(outcome))


def send(outcome: dict) -> dict:
    """POST the client's form (again, when pressed again): the answer's status, an error
    unless it redirects to a ticket, its Retry-After and page, and the time it took."""
    opener, url = outcome["opener"], outcome["url"]
    outcome.update(status=None, error=None, retry_after=None, page="")
    started = time.perf_counter()
    request = urllib.request.Request(url, data=outcome["data"], headers={"Referer": url})
    try:
        with opener.open(request, timeout=300) as response:
            outcome["status"] = response.status
            outcome["error"] = f"POST answered {response.status}, not a redirect to the ticket"
    except urllib.error.HTTPError as response:
        outcome["status"] = response.code
        outcome["retry_after"] = response.headers.get("Retry-After")
        outcome["page"] = response.read().decode(errors="replace")
        location = response.headers.get("Location", "")
        if response.code != 302 or "/workshop/tiket/" not in location:
            outcome["error"] = f"POST answered {response.code}"
    except Exception as error:  # noqa: BLE001
        outcome["error"] = f"POST: {error!r}"
    outcome["post_ms"] = (time.perf_counter() - started) * 1000
    return outcome


def environment(*, database: str, clients: int) -> dict:
    """Production settings (DEBUG off, collected static files, Redis) on this machine's
    PostgreSQL and Redis, plain http on 127.0.0.1, and a workshop rate limit every client
    (all from one address) stays under."""
    server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    redis = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5")
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{server}/{database}",
        "CACHE_URL": "rediscache://" + redis.split("://", 1)[1],
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "USE_X_FORWARDED_PROTO": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="fpp-bench-static-"),
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
        "WORKSHOP_RATE_LIMIT": str(clients * 10),
    }


def prepare(env: dict, *, database: str, capacity: int) -> None:
    """A fresh database with the festival content and the bench workshop, open now."""
    print(f"Preparing database {database} …", flush=True)
    recreate_database(env["DATABASE_URL"].rsplit("/", 1)[0], database)
    # collectstatic first: with the manifest storage, URLs of static files need the manifest.
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_festival_content")
    manage(env, "shell", "-c", ARRANGE.format(slug=SLUG, capacity=capacity))


def start_gunicorn(env: dict, *, port: int, workers: int, stderr=None) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(GUNICORN),
            "festival.config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--backlog",
            "2048",
            "--timeout",
            "120",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


def wait_healthy(base: str, *, seconds: float = 20) -> bool:
    """Whether /healthz answers 200 (database and cache up) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:  # not listening yet, still booting, or the database is down (503)
            pass
        time.sleep(0.2)
    return False


def seat_counts(env: dict) -> dict:
    """Registrations of the bench workshop per status, read from the database."""
    output = manage(env, "shell", "-c", COUNT.format(slug=SLUG), capture=True)
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8015)))
    parser.add_argument("--database", default="fpp_workshops_bench")
    args = parser.parse_args()

    env = environment(database=args.database, clients=args.clients)
    prepare(env, database=args.database, capacity=args.capacity)

    base = f"http://127.0.0.1:{args.port}"
    gunicorn = start_gunicorn(env, port=args.port, workers=args.workers)
    try:
        if not wait_healthy(base):
            print("gunicorn did not become healthy", file=sys.stderr)
            return 2

        print(
            f"{args.clients} clients → {args.capacity} seats, gunicorn {args.workers} workers "
            f"on {base}",
            flush=True,
        )
        results: list[dict] = []
        barrier = threading.Barrier(args.clients)
        threads = [
            threading.Thread(target=client, args=(base, n, barrier, results))
            for n in range(args.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    counts = seat_counts(env)
    errors = [r for r in results if r["error"]]
    latencies = [r["post_ms"] for r in results if r["post_ms"] is not None]
    confirmed, waitlisted = counts.get("confirmed", 0), counts.get("waitlisted", 0)
    print(f"confirmed:  {confirmed}")
    print(f"waitlisted: {waitlisted}")
    print(f"errors:     {len(errors)}")
    for error in errors[:10]:
        print(f"  client {error['n']}: {error['error']}")
    if latencies:
        print(
            "POST latency ms: "
            f"p50 {percentile(latencies, 50):.0f}  p90 {percentile(latencies, 90):.0f}  "
            f"p99 {percentile(latencies, 99):.0f}  max {max(latencies):.0f}  "
            f"mean {statistics.fmean(latencies):.0f}"
        )
    print(f"wall time (GET + POST, all clients): {wall:.1f} s")
    ok = (
        confirmed == min(args.capacity, args.clients)
        and confirmed + waitlisted == args.clients
        and not errors
    )
    print("OK: no overbooking, no error" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
