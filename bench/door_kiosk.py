#!/usr/bin/env python
"""Door kiosk benchmark: how long one scan takes at /workshop/<slug>/pintu/, as a handheld
scanner sends it (POST the ticket's address, follow the redirect to the page with the answer),
one scan after another, as at a door.

Starts gunicorn (production settings, 1 sync worker) on this machine's PostgreSQL and Redis
with the shipped content, under a rehearsal clock on the 2016 edition's first day, adds a
session today to the shipped workshop and --people confirmed registrations, signs a door
steward in, scans every ticket once and prints the time per scan (median, 95th percentile,
slowest) and scans per second.

Usage: .venv/bin/python -m bench.door_kiosk [--people 300] [--port 8036] [--database fpp_door]

It (re)creates the PostgreSQL database (fpp_door) and flushes Redis db 10.
Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379. Traffic goes only to 127.0.0.1.
"""

import argparse
import http.cookiejar
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.server import PY, Gunicorn, django_env, flush_redis, reset_database, sh

SLUG = "workshop-pelayanan-publik"
REDIS_DB = 10
PASSWORD = "sandi-bench-pintu-2016"  # noqa: S105 - a throwaway account of the bench database

SEED = """
import datetime, sys
from django.contrib.auth.models import Group, User
from festival.sitewide.groups import DOOR_STEWARDS
from festival.sitewide.models import Kecamatan
from workshops.models import Registration, Workshop, WorkshopSession, new_code
workshop = Workshop.objects.get(slug="{slug}")
WorkshopSession.objects.create(workshop=workshop, title="Sesi 1", date=datetime.date(2016, 12, 14),
                               start_time=datetime.time(8, 0), end_time=datetime.time(12, 0))
kecamatan = Kecamatan.objects.order_by("code").first()
codes = set()
while len(codes) < {people}:
    codes.add(new_code())
Registration.objects.bulk_create(
    Registration(workshop=workshop, code=code, full_name=f"Peserta {{n}}", position="Staf",
                 office_kind="kecamatan", kecamatan=kecamatan, phone=f"+6281300{{n:06d}}",
                 consent=True)
    for n, code in enumerate(sorted(codes))
)
steward = User.objects.create_user("pintu", password="{password}", is_staff=True)
steward.groups.add(Group.objects.get(name=DOOR_STEWARDS))
for secret in Registration.objects.filter(workshop=workshop).values_list("secret", flat=True):
    print(secret)
"""


def token_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--port", type=int, default=8036)
    parser.add_argument("--database", default="fpp_door")
    args = parser.parse_args()

    static_root = Path(tempfile.mkdtemp(prefix="fpp-bench-static-"))
    env = django_env(args.database, REDIS_DB, static_root, FESTIVAL_NOW="2016-12-14T09:00+07:00")
    try:
        print(
            f"== setting up: PostgreSQL {args.database}, Redis db {REDIS_DB}, {args.people} registrations"
        )
        reset_database(args.database)
        sh(PY, "manage.py", "migrate", "-v", "0", env=env)
        sh(PY, "manage.py", "load_festival_content", env=env, stdout=subprocess.DEVNULL)
        sh(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
        flush_redis(REDIS_DB)
        seed = SEED.format(slug=SLUG, people=args.people, password=PASSWORD)
        secrets = subprocess.run(
            [PY, "manage.py", "shell", "-c", seed],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        secrets = [line for line in secrets if re.fullmatch(r"[A-Za-z0-9_-]{32}", line)]

        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with Gunicorn(env, args.port, 1) as server:
            kiosk = server.url(f"/workshop/{SLUG}/pintu/")
            login = server.url(f"/admin/login/?next=/workshop/{SLUG}/pintu/")
            page = browser.open(login).read().decode()
            form = {
                "username": "pintu",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token_of(page),
            }
            page = browser.open(login, urllib.parse.urlencode(form).encode()).read().decode()
            token = token_of(page)
            timings, answered = [], 0
            for secret in secrets:
                scanned = f"https://festival.example/workshop/tiket/{secret}/"
                body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "ticket": scanned})
                start = time.perf_counter()
                page = browser.open(kiosk, body.encode()).read().decode()
                timings.append((time.perf_counter() - start) * 1000)
                answered += "door-result--ok" in page
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"{len(timings)} scans, {answered} checked in: median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, slowest {timings[-1]:.1f} ms per scan (POST + redirected GET); "
        f"{1000 * len(timings) / sum(timings):.0f} scans/s one after another"
    )


if __name__ == "__main__":
    main()
