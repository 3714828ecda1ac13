#!/usr/bin/env python
"""Screen refresh benchmark: how many refreshes of the venue's queue screen one server process
holds, each a conditional GET answered 304 from the shared page cache (as js/screen.js sends).

Starts gunicorn (production settings, 1 sync worker by default) on this machine's PostgreSQL
and Redis with the shipped content and a desk open today with a few waiting, takes the
screen's ETag, then hammers /layar/antrian/ with `If-None-Match` using wrk for --seconds and
prints the rate and what it means in screens at one refresh per 10 s.

Usage: .venv/bin/python -m bench.screens [--seconds 10] [--workers 1]  (as a module: it reuses
bench/pages.py's gunicorn runner)

It (re)creates the PostgreSQL database fpp_screens and flushes Redis db 13.
Needs wrk, PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379. Traffic goes only to
127.0.0.1.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from bench.pages import PY, Gunicorn, reset_database, sh

ROOT = Path(__file__).resolve().parents[1]
SCREEN = "/layar/antrian/"
REFRESH_SECONDS = 10

SEED = """
import datetime
from festival.models import Edition
from festival.sitewide import clock
from services.models import Offering
from services.queue import domain
from services.queue.models import Desk, DeskDay
edition = Edition.objects.get()
offering = Offering.objects.get(edition=edition, service__slug="kia")
desk = Desk.objects.create(offering=offering, prefix="KIA", counters=2)
day = DeskDay.objects.create(desk=desk, day=clock.today(), opens_at=datetime.time(0, 0),
                             closes_at=datetime.time(23, 30))
for _ in range(8):
    domain.give_walk_in_number(desk_day=day, by=None)
domain.call_next(desk_day=day, counter=1, by=None)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8091)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    static_root = Path(tempfile.mkdtemp(prefix="fpp-screens-static-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "festival.config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/fpp_screens",
        "CACHE_URL": "rediscache://127.0.0.1:6379/13",
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "USE_X_FORWARDED_PROTO": "0",
        "LOG_LEVEL": "WARNING",
        # A festival day, so the desk is open "today" whatever the real date.
        "FESTIVAL_NOW": "2016-12-14T09:00+07:00",
    }
    try:
        reset_database("fpp_screens")
        sh(PY, "manage.py", "migrate", "-v", "0", env=env)
        sh(PY, "manage.py", "load_festival_content", env=env, stdout=subprocess.DEVNULL)
        sh(PY, "manage.py", "shell", "-v", "0", "-c", SEED, env=env)
        sh(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
        subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=False, capture_output=True)
        with Gunicorn(env, args.port, args.workers) as server:
            url = server.url(SCREEN)
            with urllib.request.urlopen(url) as first:
                etag = first.headers["ETag"]
                assert "KIA-001" in first.read().decode()
            request = urllib.request.Request(url, headers={"If-None-Match": etag})
            try:
                urllib.request.urlopen(request)
                sys.exit("the screen was not answered 304")
            except urllib.error.HTTPError as answer:
                assert answer.code == 304, answer.code
            out = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    "-c16",
                    f"-d{args.seconds}s",
                    "--latency",
                    "-H",
                    f"If-None-Match: {etag}",
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+([\d.]+\w+)", out, flags=re.M))
    odd = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    print(
        f"{SCREEN} conditional GET (304 from the page cache), gunicorn {args.workers} sync "
        f"worker(s), wrk 2 threads 16 connections {args.seconds}s on {os.cpu_count()} cores:"
    )
    print(f"  {rps:.0f} req/s, p50 {latency.get('50')}, p99 {latency.get('99')}")
    if odd:
        print(f"  !! {odd.group(1)} responses not 2xx/3xx")
    print(
        f"  = {rps * REFRESH_SECONDS:.0f} screens refreshing every {REFRESH_SECONDS} s "
        f"(screen.js refreshes every 5 s: {rps * 5:.0f} screens)"
    )


if __name__ == "__main__":
    main()
