#!/usr/bin/env python
"""Page benchmark: cached pages against a static file of the same size, on the production path.

Starts gunicorn with production settings (DEBUG off, whitenoise) on this machine's PostgreSQL
and Redis, by default behind its own nginx terminating TLS (--proxy nginx), loads the festival
content plus N extra innovations, and measures with wrk:

1. requests per second of the home, catalogue and programme pages (anonymous, so served from
   the shared page cache) and, in the same run, of a static file of exactly the same size
   served by the same front (by default gunicorn and whitenoise, behind nginx or not);
   each page's rate as a fraction of the static one;
2. the same with the page cache off, for what it cannot keep (every search, filter and page
   number is a distinct URL): the catalogue plain, searched (`?q=desa`, `?q=kesehatan+ibu`),
   filtered on page 3, and "distinct searches" (every request the next of 124 different
   addresses: DISTINCT), each against a static file of its own size (the mean size for the
   distinct searches), alternating, with the 50 % and 99 % latency of the page runs (--only
   picks some of them). What the catalogue keeps, as in production, stays kept: the cards,
   the frame and content skeleton (Redis and each worker's memory) and each worker's index
   of the catalogue (innovations/catalogue_index.py); none of it depends on the query;
3. the uncached server time of the catalogue with N innovations (page cache off, one
   connection at a time, so latency ≈ server time, plus the proxy's hop if there is one);
4. the peak resident memory (VmHWM) of a gunicorn worker after the load.

Usage: .venv/bin/python bench/pages.py [--innovations 2000] [--seconds 10] [--rounds 2] [--workers 2]
       [--port 8090] [--database fpp_bench] [--redis-db 12] [--uncached-only]
       [--proxy {none,nginx}] [--static-from {app,nginx}] [--only NAME[,NAME]]

--proxy nginx (the default when nginx is on PATH) measures as production serves: wrk talks
HTTP/1.1 with keepalive over TLS (1.2/1.3) to an nginx of its own on 127.0.0.1:--port, which
proxies the pages to gunicorn on 127.0.0.1:--port+1 (X-Forwarded-Proto https,
USE_X_FORWARDED_PROTO=1), and the static files too (whitenoise serves them, as in the README's
production set-up), or with --static-from nginx serves them itself from STATIC_ROOT (then
the static file runs at 30,000–55,000 req/s on this machine, keepalive TLS from memory:
no Django page comes near a fifth of that). The certificate is a
throwaway self-signed EC P-256 one (what a modern site would use), made with openssl in a
temporary directory with the nginx.conf; nginx runs one worker process, as the machine's 2
cores are shared with wrk and the gunicorn workers (see bench/server.py). Both the page and
its static file go through the same nginx and TLS, so the comparison stays fair.
--proxy none is plain gunicorn, no proxy in front: static files from whitenoise, plain http.
Every table heading says which was used.

On a shared machine, each page and its static file are measured in alternating runs
(static, page, page, static, …) and the mean rates compared; every run is printed.
It (re)creates the PostgreSQL database (fpp_bench) and flushes the Redis db (12).
Needs wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379;
nginx and openssl for --proxy nginx. Traffic goes only to 127.0.0.1.
"""

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote_plus

if __package__ in (None, ""):  # run as a script (bench/pages.py), not as bench.pages
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.server import (  # noqa: E402
    PY,
    Gunicorn,
    Nginx,
    django_env,
    flush_redis,
    reset_database,
    sh,
    wrk,
)

__all__ = ["PY", "Gunicorn", "reset_database", "sh"]  # still importable from here

PAGES = {"home": "/", "catalogue": "/inovasi/", "programme": "/jadwal/"}
UNCACHED = {
    "plain": "/inovasi/",
    "q=desa": "/inovasi/?q=desa",
    "q=kesehatan ibu": "/inovasi/?q=kesehatan+ibu",
    "theme, page 3": "/inovasi/?tema=kesehatan&page=3",
    "distinct searches": None,  # DISTINCT, one after the other
}
# Every request a different address: 31 words and word pairs, on pages 1 to 4, half of them
# within a theme (some find nothing, as real searches do). Nothing the catalogue keeps depends
# on the query, so this shows what repeating one address could hide.
_SEARCHES = [
    *(
        [
            "desa",
            "kesehatan",
            "sekolah",
            "kependudukan",
            "pasar",
            "posyandu",
            "pajak",
            "lansia",
            "nelayan",
            "petani",
        ]
    ),
    *(
        [
            "perizinan",
            "inovasi",
            "uji",
            "beban",
            "layanan",
            "warga",
            "data",
            "lebih",
            "dekat",
            "kecepatan",
        ]
    ),
    "air bersih",
    "pasar desa",
    "kesehatan ibu",
    "sekolah lansia",
    "00042",
    "00777",
    "ub123",
    "instansi uji",
    "tema",
    "katalog",
    "sakina",
]
DISTINCT = [
    f"/inovasi/?q={quote_plus(words)}&page={page}" + ("&tema=kesehatan" if n % 2 else "")
    for n, (words, page) in enumerate((words, page) for words in _SEARCHES for page in range(1, 5))
]


def seed_innovations(count, env):
    """Add `count` published innovations through the ORM (bench data, not shipped content)."""
    code = f"""
from bench.seed import seed_innovations
print(seed_innovations({count}))
"""
    sh(PY, "manage.py", "shell", "-v", "0", "-c", code, env=env)


def uncached_names(value):
    """--only: names of UNCACHED separated by commas ("theme, page 3" has one of its own)."""

    def key(text):
        return re.sub(r"\s*,\s*", ",", text.strip())

    names = {key(name): name for name in UNCACHED}
    pieces = [piece.strip() for piece in value.split(",")]
    chosen, start = [], 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):  # the longest name first
            name = names.get(key(",".join(pieces[start:end])))
            if name:
                chosen.append(name)
                start = end
                break
        else:
            raise argparse.ArgumentTypeError(
                f"unknown page {pieces[start]!r}; one or more of: "
                + "; ".join(f'"{name}"' for name in UNCACHED)
            )
    return [name for name in UNCACHED if name in chosen]


class Site:
    """What wrk and the bench talk to: nginx in front of gunicorn, or gunicorn alone."""

    def __init__(self, front, gunicorn):
        self.front, self.gunicorn = front, gunicorn

    def url(self, path):
        return self.front.url(path)

    def get(self, path):
        return self.front.get(path)

    def fetch(self, path):
        with self.get(path) as answer:
            return answer.read()

    def worker_peak_rss_kib(self):
        return self.gunicorn.worker_peak_rss_kib()


@contextlib.contextmanager
def serve(env, args, workers):
    """gunicorn with `workers` workers, behind nginx (TLS) if --proxy nginx; both stopped
    on the way out, whatever happens."""
    if args.proxy == "nginx":
        with (
            Gunicorn(env, args.port + 1, workers) as app,
            Nginx(
                args.port,
                args.port + 1,
                env["STATIC_ROOT"] if args.static_from == "nginx" else None,
            ) as front,
        ):
            yield Site(front, app)
    else:
        with Gunicorn(env, args.port, workers) as app:
            yield Site(app, app)


def combine(runs):
    """Mean rate of several wrk runs, summed errors, latency percentiles of the last run
    (and of every run)."""
    return {
        "rps": sum(r["rps"] for r in runs) / len(runs),
        "errors": sum(r["errors"] for r in runs),
        "latency": runs[-1]["latency"],
        "runs": [r["rps"] for r in runs],
        "latencies": [r["latency"] for r in runs],
    }


def alternate(server, page_path, static_path, args):
    """The page and its static file in alternating wrk runs (static, page, page, static, …),
    so a burst of other load on the shared machine weighs on both sides alike."""
    pages, statics = [], []
    for round_ in range(args.rounds):
        first, second = ("static", "page") if round_ % 2 == 0 else ("page", "static")
        for kind in (first, second):
            if kind == "page" and not isinstance(page_path, str):
                # A list of paths: each request the next one (wrk's Lua script).
                run = wrk(server.url("/"), args.seconds, paths=page_path)
            else:
                run = wrk(server.url(page_path if kind == "page" else static_path), args.seconds)
            (pages if kind == "page" else statics).append(run)
    return combine(pages), combine(statics)


def print_runs(page, static):
    print(
        f"  runs (req/s): page {' '.join(f'{r:.0f}' for r in page['runs'])}, "
        f"static {' '.join(f'{r:.0f}' for r in static['runs'])}"
    )
    if page["errors"] or static["errors"]:
        print(f"  !! non-2xx responses: page {page['errors']}, static {static['errors']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--innovations", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="wrk runs of each page and file")
    parser.add_argument(
        "--port",
        type=int,
        default=8090,
        help="where wrk connects (gunicorn on port+1 behind nginx)",
    )
    parser.add_argument("--database", default="fpp_bench")
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--uncached-only", action="store_true", help="skip the cached pages")
    parser.add_argument(
        "--proxy",
        choices=["none", "nginx"],
        default="nginx" if shutil.which("nginx") else "none",
        help="nginx with TLS in front of gunicorn (default when nginx is on PATH), or none",
    )
    parser.add_argument(
        "--static-from",
        choices=["app", "nginx"],
        default="app",
        help="behind nginx, the static file comes from gunicorn and whitenoise like the page "
        "(app, the default: the README's production set-up) or from nginx's disk (nginx)",
    )
    parser.add_argument(
        "--only",
        type=uncached_names,
        default=list(UNCACHED),
        metavar="NAME[,NAME]",
        help="uncached pages to measure: " + "; ".join(f'"{name}"' for name in UNCACHED),
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    if args.proxy == "nginx":
        for tool in ("nginx", "openssl"):
            if not shutil.which(tool):
                sys.exit(f"{tool} not found (apt-get install {tool}), or use --proxy none")
        proxy = "nginx (1 worker process, TLS 1.2/1.3, EC P-256, HTTP/1.1 keepalive) in front, " + (
            "static files from nginx's disk"
            if args.static_from == "nginx"
            else "static files through it from whitenoise"
        )
    else:
        proxy = "no proxy, static files from whitenoise"

    static_root = Path(tempfile.mkdtemp(prefix="fpp-bench-static-"))
    env = django_env(args.database, args.redis_db, static_root)
    if args.proxy == "nginx":
        env["USE_X_FORWARDED_PROTO"] = "1"
    try:
        print(
            f"== setting up: PostgreSQL {args.database}, Redis db {args.redis_db}, "
            f"{args.innovations} extra innovations; gunicorn, {proxy}"
        )
        reset_database(args.database)
        sh(PY, "manage.py", "migrate", "-v", "0", env=env)
        sh(PY, "manage.py", "load_festival_content", env=env, stdout=subprocess.DEVNULL)
        seed_innovations(args.innovations, env)
        # Planner statistics, as autovacuum would gather them a minute after such a load.
        sh(PY, "manage.py", "dbshell", "--", "-c", "ANALYZE", env=env, stdout=subprocess.DEVNULL)
        sh(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
        flush_redis(args.redis_db)

        uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
        with serve(uncached_env, args, 1) as server:
            uncached_sizes = {
                name: len(server.fetch(UNCACHED[name]))
                if UNCACHED[name]
                # The mean size of the distinct searches' pages.
                else round(sum(len(server.fetch(path)) for path in DISTINCT) / len(DISTINCT))
                for name in args.only
            }
        for size in uncached_sizes.values():
            (static_root / f"bench-uncached-{size}.html").write_bytes(b"x" * size)
        uncached = {}
        with serve(uncached_env, args, args.workers) as server:
            for name in args.only:
                path, size = UNCACHED[name], uncached_sizes[name]
                for warm in [path] if path else DISTINCT:
                    server.fetch(warm)  # keep its cards, as production soon has them all
                page, static = alternate(
                    server, path or DISTINCT, f"/static/bench-uncached-{size}.html", args
                )
                uncached[name] = (size, page, static)
        print(
            f"\nuncached catalogue (page cache off; cards, frame and index kept), "
            f"{args.innovations} extra "
            f"innovations; gunicorn {args.workers} sync workers, {proxy}; wrk 2 threads, "
            f"16 connections, {args.rounds} runs of {args.seconds}s per page and per static file; "
            f"page latency of the last run"
        )
        print(
            f"{'page':<18}{'bytes':>8}{'page req/s':>12}{'static req/s':>14}{'fraction':>10}"
            f"{'p50':>10}{'p99':>10}"
        )
        for name, (size, page, static) in uncached.items():
            print(
                f"{name:<18}{size:>8}{page['rps']:>12.0f}{static['rps']:>14.0f}"
                f"{page['rps'] / static['rps']:>10.3f}"
                f"{page['latency'].get('50', '?'):>10}{page['latency'].get('99', '?'):>10}"
            )
            print_runs(page, static)
            if len(page["latencies"]) > 1:
                print(
                    "  page latency per run (p50/p99): "
                    + ", ".join(
                        f"{lat.get('50', '?')}/{lat.get('99', '?')}" for lat in page["latencies"]
                    )
                )
        sys.stdout.flush()
        if args.uncached_only:
            return

        # Page sizes first, then a static file of exactly that size for each page.
        with serve(env, args, 1) as server:
            sizes = {name: len(server.fetch(path)) for name, path in PAGES.items()}
        for name, size in sizes.items():
            (static_root / f"bench-{name}.html").write_bytes(b"x" * size)

        results = {}
        with serve(env, args, args.workers) as server:
            for name, path in PAGES.items():
                server.fetch(path)  # fill the page cache
                with server.get(path) as answer:
                    cache_state = answer.headers.get("X-Page-Cache")
                if cache_state != "hit":
                    print(
                        f"  !! {path} is not served from the page cache (X-Page-Cache: {cache_state})"
                    )
                page, static = alternate(server, path, f"/static/bench-{name}.html", args)
                results[name] = (sizes[name], page, static)
            peak_cached = server.worker_peak_rss_kib()

        with serve(uncached_env, args, 1) as server:
            serial = wrk(server.url("/inovasi/"), args.seconds, connections=1, threads=1)
            filtered = wrk(
                server.url("/inovasi/?q=desa&page=3"), args.seconds, connections=1, threads=1
            )
            peak_uncached = server.worker_peak_rss_kib()

        print(
            f"\nmachine: {os.cpu_count()} cores; gunicorn {args.workers} sync workers, {proxy}; "
            f"wrk 2 threads, 16 connections, {args.rounds} runs of {args.seconds}s per page and "
            f"per static file\n"
        )
        print(
            f"{'page':<11}{'bytes':>8}{'page req/s':>12}{'static req/s':>14}{'fraction':>10}{'p50':>9}{'p99':>9}"
        )
        for name, (size, page, static) in results.items():
            fraction = page["rps"] / static["rps"]
            print(
                f"{name:<11}{size:>8}{page['rps']:>12.0f}{static['rps']:>14.0f}{fraction:>10.2f}"
                f"{page['latency'].get('50', '?'):>9}{page['latency'].get('99', '?'):>9}"
            )
            print_runs(page, static)
        print(
            f"\nuncached catalogue, {args.innovations} extra innovations, 1 connection "
            f"(gunicorn 1 sync worker, {'through nginx + TLS' if args.proxy == 'nginx' else 'no proxy'}):"
        )
        print(
            f"  /inovasi/            {serial['rps']:.0f} req/s, p50 {serial['latency'].get('50')}, p99 {serial['latency'].get('99')}"
        )
        print(
            f"  /inovasi/?q=desa&page=3 {filtered['rps']:.0f} req/s, p50 {filtered['latency'].get('50')}, p99 {filtered['latency'].get('99')}"
        )
        print(
            f"peak worker memory (VmHWM): {peak_cached / 1024:.1f} MiB under cached load, "
            f"{peak_uncached / 1024:.1f} MiB serving the uncached catalogue"
        )

    finally:
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
