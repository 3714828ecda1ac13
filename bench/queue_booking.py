#!/usr/bin/env python
"""Load test of the desk queue's booking over HTTP: gunicorn with 4 workers on PostgreSQL,
N clients booking at once.

Each client, in its own thread with its own cookie jar, GETs a desk day's booking page (for
its CSRF cookie and token), waits until every client has its page, then all POST at once, each
with its own mobile number. Two runs, on two desks of a bench edition of its own:

1. one slot: every client asks for the same slot of quota 20 (no walk-in share);
2. several slots: the clients spread over 10 slots of quota 20 (client n asks for slot n mod 10),
   and one client in 25 reuses the phone of the client before it (a duplicate).

It prints, per run, the numbers booked (read from the database afterwards, with a check that
numbers run 1…n without a gap or a repeat), the refusals as the page told them (slot full,
duplicate phone, rate-limited), errors (5xx, exceptions, anything else) and POST latency
p50/p90/p99.

    .venv/bin/python bench/queue_booking.py                 # 500 clients per run
    .venv/bin/python bench/queue_booking.py --clients 300 --port 8016

Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432) and Redis
(BENCH_REDIS, default redis://127.0.0.1:6379/5). It (re)creates its own database
(--database, default fpp_queue_bench); production settings (bench/workshop_load.py's) with
QUEUE_RATE_LIMIT raised, because every client comes from the same address.
"""

import argparse
import contextlib
import http.cookiejar
import json
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workshop_load import (  # noqa: E402
    NoRedirect,
    environment,
    manage,
    percentile,
    recreate_database,
    start_gunicorn,
    wait_healthy,
)

QUOTA = 20
SLOTS = 10

# Only the current edition, published and not over, takes bookings: the shipped 2016 edition is
# past, so the bench adds an upcoming edition with two desks of its own (bench data, never
# content), on two of the shipped services, each with one day of 10 slots of 30 minutes.
ARRANGE = """
import datetime, json
from festival.models import Edition
from festival.queries import forget_current_edition
from festival.sitewide import clock
from services.models import Offering, Service
from services.queue.models import Desk, DeskDay
start = clock.today() + datetime.timedelta(days=30)
edition, _ = Edition.objects.update_or_create(slug="bench-edition", defaults=dict(
    year=start.year, name="Bench edition", start_date=start, end_date=start,
    venue_name="Bench venue", organiser="Bench", about="Bench", is_published=True))
forget_current_edition()
pages = []
for service, prefix in zip(Service.objects.filter(is_published=True).order_by("pk"), ["BA", "BB"]):
    offering, _ = Offering.objects.update_or_create(edition=edition, service=service,
        defaults=dict(agency="Bench", is_published=True))
    desk, _ = Desk.objects.update_or_create(offering=offering, defaults=dict(prefix=prefix))
    DeskDay.objects.update_or_create(desk=desk, day=start, defaults=dict(
        opens_at=datetime.time(8, 0), closes_at=datetime.time(13, 0), slot_minutes=30,
        quota={quota}, walk_in_share=0))
    pages.append(f"/antrian/{{service.slug}}/{{start.isoformat()}}/")
print(json.dumps(pages))
"""

COUNT = """
import json
from services.queue.models import Ticket
rows = {{}}
for prefix in ["BA", "BB"]:
    tickets = Ticket.objects.filter(desk_day__desk__prefix=prefix,
        desk_day__desk__offering__edition__slug="bench-edition")
    numbers = sorted(tickets.values_list("number", flat=True))
    per_slot = {{}}
    for slot in tickets.values_list("slot_start", flat=True):
        per_slot[slot.strftime("%H:%M")] = per_slot.get(slot.strftime("%H:%M"), 0) + 1
    rows[prefix] = dict(booked=len(numbers), numbers_ok=numbers == list(range(1, len(numbers) + 1)),
        max_per_slot=max(per_slot.values(), default=0), slots=len(per_slot))
print(json.dumps(rows))
"""


def client(base, path, n, slot, phone, barrier, results):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    url = f"{base}{path}"
    outcome = {"n": n, "kind": None, "error": None, "post_ms": None}
    try:
        with opener.open(url, timeout=120) as response:
            page = response.read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "slot": slot,
                "name": f"Pemesan Beban {n}",
                "phone": phone,
                "request_code": "",
            }
        ).encode()
    except Exception as error:  # noqa: BLE001 - reported as an error of this client
        outcome.update(kind="error", error=f"GET: {error!r}")
        results.append(outcome)
        barrier.abort()
        return
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait(timeout=300)
    started = time.perf_counter()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})
    try:
        with opener.open(request, timeout=300) as response:
            body = response.read().decode(errors="replace")
            outcome["kind"] = classify(response.status, body)
    except urllib.error.HTTPError as response:
        location = response.headers.get("Location", "")
        if response.code == 302 and "/antrian/tiket/" in location:
            outcome["kind"] = "booked"
        elif response.code == 429:
            outcome["kind"] = "rate_limited"
        else:
            outcome.update(kind="error", error=f"POST answered {response.code}")
    except Exception as error:  # noqa: BLE001
        outcome.update(kind="error", error=f"POST: {error!r}")
    outcome["post_ms"] = (time.perf_counter() - started) * 1000
    if outcome["kind"] == "other":
        outcome.update(kind="error", error="POST answered 200 with no known message")
    results.append(outcome)


def classify(status: int, body: str) -> str:
    """A 200 answer is the form again: the page's message says why."""
    if "sudah memegang nomor antrean" in body:
        return "duplicate_phone"
    if "baru saja habis" in body or "sudah penuh atau sudah berlalu" in body:
        return "full"
    return "other"


def run(base, path, *, clients, spread, duplicates_every):
    results: list[dict] = []
    barrier = threading.Barrier(clients)
    threads = []
    for n in range(clients):
        slot = f"{8 + (n % spread) // 2:02d}:{30 * ((n % spread) % 2):02d}"
        who = n - 1 if duplicates_every and n % duplicates_every == 1 else n
        phone = f"0812 9{who:07d}"
        threads.append(
            threading.Thread(target=client, args=(base, path, n, slot, phone, barrier, results))
        )
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def report(title, results, wall, db, *, expected):
    kinds = {}
    for r in results:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    latencies = [r["post_ms"] for r in results if r["post_ms"] is not None]
    errors = [r for r in results if r["kind"] == "error"]
    print(f"\n{title}")
    print(f"  booked (answers): {kinds.get('booked', 0)}   in the database: {db['booked']}")
    print(
        f"  numbers 1…n, no gap or repeat: {db['numbers_ok']}   most in one slot: "
        f"{db['max_per_slot']} (quota {QUOTA}) over {db['slots']} slots"
    )
    print(
        f"  refused: slot full {kinds.get('full', 0)}, duplicate phone "
        f"{kinds.get('duplicate_phone', 0)}, rate-limited {kinds.get('rate_limited', 0)}"
    )
    print(f"  errors: {len(errors)}")
    for error in errors[:10]:
        print(f"    client {error['n']}: {error['error']}")
    if latencies:
        print(
            f"  POST latency ms: p50 {percentile(latencies, 50):.0f}  "
            f"p90 {percentile(latencies, 90):.0f}  p99 {percentile(latencies, 99):.0f}  "
            f"max {max(latencies):.0f}  mean {statistics.fmean(latencies):.0f}"
        )
    print(f"  wall time (GET + POST, all clients): {wall:.1f} s")
    return (
        not errors
        and db["booked"] == kinds.get("booked", 0) == expected
        and db["numbers_ok"]
        and db["max_per_slot"] <= QUOTA
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8016)
    parser.add_argument("--database", default="fpp_queue_bench")
    args = parser.parse_args()

    env = environment(database=args.database, clients=args.clients)
    env["QUEUE_RATE_LIMIT"] = str(args.clients * 10)
    print(f"Preparing database {args.database} …", flush=True)
    recreate_database(env["DATABASE_URL"].rsplit("/", 1)[0], args.database)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_festival_content")
    out = manage(env, "shell", "-c", ARRANGE.format(quota=QUOTA), capture=True)
    pages = json.loads(out.strip().splitlines()[-1])

    base = f"http://127.0.0.1:{args.port}"
    gunicorn = start_gunicorn(env, port=args.port, workers=args.workers)
    try:
        if not wait_healthy(base):
            print("gunicorn did not become healthy", file=sys.stderr)
            return 2
        print(f"{args.clients} clients per run, gunicorn {args.workers} workers on {base}")
        one = run(base, pages[0], clients=args.clients, spread=1, duplicates_every=0)
        several = run(base, pages[1], clients=args.clients, spread=SLOTS, duplicates_every=25)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    db = json.loads(
        manage(env, "shell", "-c", COUNT.format(), capture=True).strip().splitlines()[-1]
    )
    ok = report(
        f"Run 1: one slot of quota {QUOTA}", *one, db["BA"], expected=min(QUOTA, args.clients)
    )
    ok &= report(
        f"Run 2: {SLOTS} slots of quota {QUOTA}, one client in 25 reusing a phone",
        *several,
        db["BB"],
        expected=min(QUOTA * SLOTS, args.clients - args.clients // 25),
    )
    print("\nOK: no overbooking, no repeated number, no error" if ok else "\nFAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
