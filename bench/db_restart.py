#!/usr/bin/env python
"""What a PostgreSQL restart costs: 300 simultaneous workshop registrations, the database
restarted in the middle of them.

Gunicorn with 4 workers and production settings on PostgreSQL and Redis, as
bench/workshop_load.py runs it (its helpers, its clients). Every client GETs the form, all
POST at once, and when a third of them have their answer, `pg_ctlcluster <version> main
restart` restarts PostgreSQL. Then:

1. the burst: how many were confirmed and waitlisted, how many got the "briefly unavailable"
   page (503 with Retry-After, the page that says to press again), and any other answer (an
   error: there must be none);
2. pressing again: everyone who got the 503 sends the same form again once the database is
   back (the browser's Back button keeps it): each must reach a ticket;
3. after the restart: fresh clients register, one at a time and then together: all succeed;
4. nothing lost or doubled: every phone has at most one registration, every client told
   "registered" has exactly one, and the rows are as many as the people registered;
5. the error log names the database for each 503 and holds no "Internal Server Error".

    .venv/bin/python bench/db_restart.py                   # restarts this machine's PostgreSQL
    .venv/bin/python bench/db_restart.py --clients 300 --after 0.33 --cluster 15

It restarts the shared PostgreSQL cluster (every connection to it is cut for a few seconds),
(re)creates its own database (--database, default fpp_db_restart_bench) and uses Redis db 5
(BENCH_REDIS). Traffic goes only to 127.0.0.1.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workshop_load import (  # noqa: E402
    SLUG,
    client,
    environment,
    manage,
    prepare,
    seat_counts,
    send,
    start_gunicorn,
    wait_healthy,
)

UNAVAILABLE = "Layanan sedang tidak tersedia sebentar"
PHONES = """
import json
from workshops.models import Registration
rows = Registration.objects.filter(workshop__slug="{slug}").values_list("phone", "status")
print(json.dumps([list(row) for row in rows]))
"""
# Phones of the clients (as workshop_load's client types them), stored as +62…
FRESH = 100_000  # client numbers of the registrations after the restart


def phone_of(n: int) -> str:
    return f"+628129{n:07d}"


def cluster_version() -> str:
    versions = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    return versions[-1]


def restart_postgresql(version: str, log: dict) -> None:
    log["started"] = time.perf_counter()
    result = subprocess.run(
        ["pg_ctlcluster", version, "main", "restart"], capture_output=True, text=True
    )
    log["ended"] = time.perf_counter()
    log["returncode"] = result.returncode
    log["output"] = (result.stdout + result.stderr).strip()


def cut_off_database(server: str, database: str, seconds: float, log: dict) -> None:
    """A stand-in for a restart that touches only the bench database: it refuses new
    connections and its open ones are cut, for `seconds`; then it accepts them again."""
    import psycopg  # inline, as in workshop_load.recreate_database: only this mode needs it

    log["started"] = time.perf_counter()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [database],
        )
        time.sleep(seconds)
        admin.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true')
    log["ended"] = time.perf_counter()
    log["returncode"] = 0


def burst(base: str, numbers: list[int], *, restart=None) -> list[dict]:
    """Clients for `numbers` GET their forms, then all POST at once; with `restart`, it runs
    once the given share of them has its answer."""
    results: list[dict] = []
    barrier = threading.Barrier(len(numbers))
    threads = [threading.Thread(target=client, args=(base, n, barrier, results)) for n in numbers]
    for thread in threads:
        thread.start()
    if restart is not None:
        share, action = restart
        while len(results) < share * len(numbers) and any(t.is_alive() for t in threads):
            time.sleep(0.005)
        action()
    for thread in threads:
        thread.join()
    return results


def registered(outcome: dict) -> bool:
    return outcome["status"] == 302 and not outcome["error"]


def briefly_unavailable(outcome: dict) -> bool:
    return (
        outcome["status"] == 503
        and outcome["retry_after"] == "30"
        and UNAVAILABLE in outcome["page"]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--after", type=float, default=1 / 3, help="share answered before")
    parser.add_argument("--fresh", type=int, default=40, help="registrations after it")
    parser.add_argument("--cluster", default=None, help="PostgreSQL version (/etc/postgresql)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8016)))
    parser.add_argument("--database", default="fpp_db_restart_bench")
    parser.add_argument(
        "--no-restart", action="store_true", help="the same run without the restart (a dry run)"
    )
    parser.add_argument(
        "--cut-off",
        type=float,
        default=0,
        metavar="SECONDS",
        help="instead of restarting the cluster, cut off only the bench database this long",
    )
    args = parser.parse_args()
    version = args.cluster or cluster_version()

    env = environment(database=args.database, clients=args.clients + args.fresh)
    prepare(env, database=args.database, capacity=args.capacity)
    base = f"http://127.0.0.1:{args.port}"
    errlog = Path(tempfile.mkdtemp(prefix="fpp-db-restart-")) / "gunicorn.stderr"
    restart: dict = {}
    with errlog.open("w") as stderr:
        gunicorn = start_gunicorn(env, port=args.port, workers=args.workers, stderr=stderr)
        try:
            if not wait_healthy(base):
                print("gunicorn did not become healthy", file=sys.stderr)
                return 2
            print(
                f"{args.clients} clients → {args.capacity} seats, gunicorn {args.workers} "
                f"workers on {base}; the database goes away once {args.after:.0%} have "
                f"their answer",
                flush=True,
            )

            def outage():
                if args.cut_off:
                    server = env["DATABASE_URL"].rsplit("/", 1)[0]
                    cut_off_database(server, args.database, args.cut_off, restart)
                elif not args.no_restart:
                    restart_postgresql(version, restart)

            started = time.perf_counter()
            first = burst(
                base,
                list(range(args.clients)),
                restart=(args.after, outage),
            )
            burst_s = time.perf_counter() - started
            back = wait_healthy(base, seconds=60)
            back_s = time.perf_counter() - restart.get("ended", started)
            # Those who got the "press again" page press again (a copy: the burst's own
            # answers stay as they were for the report).
            again = [send(dict(o)) for o in first if o["status"] == 503]
            # New people register after the restart: ten one at a time, then the rest together.
            numbers = [FRESH + i for i in range(args.fresh)]
            after = [outcome for n in numbers[:10] for outcome in burst(base, [n])]
            after += burst(base, numbers[10:])
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)

    rows = json.loads(
        manage(env, "shell", "-c", PHONES.format(slug=SLUG), capture=True).strip().splitlines()[-1]
    )
    counts = seat_counts(env)
    per_phone = Counter(phone for phone, _status in rows)
    log = errlog.read_text(errors="replace")

    answers = Counter(
        "registered"
        if registered(o)
        else "briefly unavailable (503)"
        if briefly_unavailable(o)
        else "other"
        for o in first
    )
    others = [o for o in first if not registered(o) and not briefly_unavailable(o)]
    again_ok = [o for o in again if registered(o)]
    after_ok = [o for o in after if registered(o)]
    told_registered = {phone_of(o["n"]) for o in [*first, *again, *after] if registered(o)}
    doubled = sorted(phone for phone, n in per_phone.items() if n > 1)
    lost = sorted(phone for phone in told_registered if per_phone[phone] != 1)
    unexpected = sorted(set(per_phone) - told_registered)
    db_lines = log.count("festival.db database unavailable")
    server_errors = log.count("Internal Server Error")

    if args.no_restart:
        print("restart: none (--no-restart)")
    elif not back:
        print("restart: the site did not answer /healthz 200 again within 60 s")
    else:
        what = (
            f"the bench database cut off for {args.cut_off:g} s"
            if args.cut_off
            else f"pg_ctlcluster {version} main restart"
        )
        print(
            f"restart: {what} took "
            f"{restart['ended'] - restart['started']:.1f} s (exit {restart['returncode']}); "
            f"/healthz answered 200 again {back_s:.1f} s after it returned"
        )
    print(f"burst of {args.clients} ({burst_s:.1f} s):")
    for label in ("registered", "briefly unavailable (503)", "other"):
        print(f"  {label:27} {answers.get(label, 0)}")
    for o in others[:10]:
        print(f"    client {o['n']}: {o['error'] or o['status']}")
    print(f"pressed again after a 503:    {len(again_ok)} of {len(again)} reached a ticket")
    for o in [o for o in again if not registered(o)][:10]:
        print(f"    client {o['n']}: {o['error'] or o['status']}")
    print(f"registrations after restart:  {len(after_ok)} of {len(after)} succeeded")
    for o in [o for o in after if not registered(o)][:10]:
        print(f"    client {o['n']}: {o['error'] or o['status']}")
    print(
        f"database: {counts.get('confirmed', 0)} confirmed, {counts.get('waitlisted', 0)} "
        f"waitlisted, {len(rows)} rows for {len(told_registered)} people told they are "
        f"registered; doubled {len(doubled)}, lost {len(lost)}, saved but not told "
        f"{len(unexpected)}"
    )
    print(
        f"error log: {db_lines} lines 'festival.db database unavailable' "
        f"(503 answers: {answers.get('briefly unavailable (503)', 0)}), "
        f"{server_errors} 'Internal Server Error'"
    )
    ok = (
        back
        and (args.no_restart or restart.get("returncode") == 0)
        and not others
        and len(again_ok) == len(again)
        and len(after_ok) == len(after)
        and not doubled
        and not lost
        and not unexpected
        and len(rows) == len(told_registered)
        and counts.get("confirmed", 0) == min(args.capacity, len(told_registered))
        and server_errors == 0
    )
    print(
        "OK: only 503s in the restart, none after it, nothing lost or doubled" if ok else "FAILED"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
