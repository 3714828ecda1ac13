#!/usr/bin/env python
"""Screen refresh benchmark: how many refreshes of the venue's queue screen one server process
holds, each a conditional GET answered 304 from the shared page cache (as js/screen.js sends).

Starts gunicorn (production settings, 1 sync worker by default) on this machine's PostgreSQL
and Redis with the shipped content and a desk open today with a few waiting, takes the
screen's ETag, then hammers /layar/antrian/ with `If-None-Match` using wrk for --seconds and
prints the rate and what it means in screens at one refresh per 10 s.

Usage: .venv/bin/python -m bench.screens [--seconds 10] [--workers 1]  (as a module: it reuses
bench/server.py's gunicorn runner)

It (re)creates the PostgreSQL database fpp_screens and flushes Redis db 13.
Needs wrk, PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379. Traffic goes only to
127.0.0.1.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from bench.server import PY, Gunicorn, django_env, flush_redis, reset_database, sh, wrk

SCREEN = "/layar/antrian/"
DATABASE = "fpp_screens"
REDIS_DB = 13
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
    # A festival day, so the desk is open "today" whatever the real date.
    env = django_env(DATABASE, REDIS_DB, static_root, FESTIVAL_NOW="2016-12-14T09:00+07:00")
    try:
        reset_database(DATABASE)
        sh(PY, "manage.py", "migrate", "-v", "0", env=env)
        sh(PY, "manage.py", "load_festival_content", env=env, stdout=subprocess.DEVNULL)
        sh(PY, "manage.py", "shell", "-v", "0", "-c", SEED, env=env)
        sh(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
        flush_redis(REDIS_DB)
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
            result = wrk(url, args.seconds, headers=[f"If-None-Match: {etag}"])
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    rps, latency, odd = result["rps"], result["latency"], result["errors"]
    print(
        f"{SCREEN} conditional GET (304 from the page cache), gunicorn {args.workers} sync "
        f"worker(s), wrk 2 threads 16 connections {args.seconds}s on {os.cpu_count()} cores:"
    )
    print(f"  {rps:.0f} req/s, p50 {latency.get('50')}, p99 {latency.get('99')}")
    if odd:
        print(f"  !! {odd} responses not 2xx/3xx")
    print(
        f"  = {rps * REFRESH_SECONDS:.0f} screens refreshing every {REFRESH_SECONDS} s "
        f"(screen.js refreshes every 5 s: {rps * 5:.0f} screens)"
    )


if __name__ == "__main__":
    main()
