#!/usr/bin/env python
"""Page benchmark: cached pages against a static file of the same size, on the production path.

Starts gunicorn with production settings (DEBUG off, whitenoise) on this machine's PostgreSQL
and Redis, loads the festival content plus N extra innovations, and measures with wrk:

1. requests per second of the home, catalogue and programme pages (anonymous, so served from
   the shared page cache) and, in the same run, of a static file of exactly the same size
   served by the same gunicorn and whitenoise; each page's rate as a fraction of the static one;
2. the same with the page cache off, for what it cannot keep (every search, filter and page
   number is a distinct URL): the catalogue plain, searched (`?q=desa`, `?q=kesehatan+ibu`)
   and filtered on page 3, each against a static file of its own size, alternating; cards
   and filter choices stay kept in Redis (innovations/cards.py), as in production;
3. the uncached server time of the catalogue with N innovations (page cache off, one
   connection at a time, so latency ≈ server time);
4. the peak resident memory (VmHWM) of a gunicorn worker after the load.

Usage: .venv/bin/python bench/pages.py [--innovations 2000] [--seconds 10] [--rounds 2] [--workers 2]
       [--port 8090] [--database fpp_bench] [--redis-db 12] [--uncached-only]

On a shared machine, each page and its static file are measured in alternating runs
(static, page, page, static, …) and the mean rates compared; every run is printed.
It (re)creates the PostgreSQL database (fpp_bench) and flushes the Redis db (12). Plain
gunicorn, no proxy in front (the output says so).
Needs wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
Traffic goes only to 127.0.0.1.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PAGES = {"home": "/", "catalogue": "/inovasi/", "programme": "/jadwal/"}
UNCACHED = {
    "plain": "/inovasi/",
    "q=desa": "/inovasi/?q=desa",
    "q=kesehatan ibu": "/inovasi/?q=kesehatan+ibu",
    "theme, page 3": "/inovasi/?tema=kesehatan&page=3",
}


def sh(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def reset_database(name):
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed_innovations(count, env):
    """Add `count` published innovations through the ORM (bench data, not shipped content)."""
    code = f"""
from bench.seed import seed_innovations
print(seed_innovations({count}))
"""
    sh(PY, "manage.py", "shell", "-v", "0", "-c", code, env=env)


class Gunicorn:
    def __init__(self, env, port, workers):
        self.env, self.port, self.workers = env, port, workers

    def __enter__(self):
        self.proc = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "festival.config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=2).read()
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_peak_rss_kib(self):
        peaks = []
        children = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True
        )
        for pid in children.stdout.split():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
        return max(peaks) if peaks else 0

    def __exit__(self, *exc):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=20)


def wrk(url, seconds, connections=16, threads=2):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+([\d.]+\w+)", out, flags=re.M))
    return {"rps": rps, "errors": int(non2xx.group(1)) if non2xx else 0, "latency": latency}


def combine(runs):
    """Mean rate of several wrk runs, summed errors, latency percentiles of the last run."""
    return {
        "rps": sum(r["rps"] for r in runs) / len(runs),
        "errors": sum(r["errors"] for r in runs),
        "latency": runs[-1]["latency"],
        "runs": [r["rps"] for r in runs],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--innovations", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="wrk runs of each page and file")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--database", default="fpp_bench")
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--uncached-only", action="store_true", help="skip the cached pages")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")

    static_root = Path(tempfile.mkdtemp(prefix="fpp-bench-static-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "festival.config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "CACHE_URL": f"rediscache://127.0.0.1:6379/{args.redis_db}",
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "USE_X_FORWARDED_PROTO": "0",
        "LOG_LEVEL": "WARNING",
    }
    try:
        print(
            f"== setting up: PostgreSQL {args.database}, Redis db {args.redis_db}, "
            f"{args.innovations} extra innovations; plain gunicorn (no proxy)"
        )
        reset_database(args.database)
        sh(PY, "manage.py", "migrate", "-v", "0", env=env)
        sh(PY, "manage.py", "load_festival_content", env=env, stdout=subprocess.DEVNULL)
        seed_innovations(args.innovations, env)
        # Planner statistics, as autovacuum would gather them a minute after such a load.
        sh(PY, "manage.py", "dbshell", "--", "-c", "ANALYZE", env=env, stdout=subprocess.DEVNULL)
        sh(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
        subprocess.run(
            ["redis-cli", "-n", str(args.redis_db), "flushdb"], check=False, capture_output=True
        )

        uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
        with Gunicorn(uncached_env, args.port, 1) as server:
            uncached_sizes = {
                name: len(urllib.request.urlopen(server.url(path)).read())
                for name, path in UNCACHED.items()
            }
        for size in uncached_sizes.values():
            (static_root / f"bench-uncached-{size}.html").write_bytes(b"x" * size)
        uncached = {}
        with Gunicorn(uncached_env, args.port, args.workers) as server:
            for name, path in UNCACHED.items():
                size = uncached_sizes[name]
                urllib.request.urlopen(server.url(path)).read()  # keep its cards
                pages, statics = [], []
                for round_ in range(args.rounds):
                    first, second = ("static", "page") if round_ % 2 == 0 else ("page", "static")
                    for kind in (first, second):
                        url = server.url(
                            path if kind == "page" else f"/static/bench-uncached-{size}.html"
                        )
                        (pages if kind == "page" else statics).append(wrk(url, args.seconds))
                uncached[name] = (size, combine(pages), combine(statics))
        print(
            f"\nuncached catalogue (page cache off, cards kept), {args.innovations} extra "
            f"innovations; gunicorn {args.workers} sync workers, no proxy; wrk 2 threads, "
            f"16 connections, {args.rounds} runs of {args.seconds}s per page and per static file"
        )
        print(f"{'page':<18}{'bytes':>8}{'page req/s':>12}{'static req/s':>14}{'fraction':>10}")
        for name, (size, page, static) in uncached.items():
            print(
                f"{name:<18}{size:>8}{page['rps']:>12.0f}{static['rps']:>14.0f}"
                f"{page['rps'] / static['rps']:>10.3f}"
            )
            print(
                f"  runs (req/s): page {' '.join(f'{r:.0f}' for r in page['runs'])}, "
                f"static {' '.join(f'{r:.0f}' for r in static['runs'])}"
            )
            if page["errors"] or static["errors"]:
                print(f"  !! non-2xx responses: page {page['errors']}, static {static['errors']}")
        sys.stdout.flush()
        if args.uncached_only:
            return

        # Page sizes first, then a static file of exactly that size for each page.
        with Gunicorn(env, args.port, 1) as server:
            sizes = {
                name: len(urllib.request.urlopen(server.url(path)).read())
                for name, path in PAGES.items()
            }
        for name, size in sizes.items():
            (static_root / f"bench-{name}.html").write_bytes(b"x" * size)

        results = {}
        with Gunicorn(env, args.port, args.workers) as server:
            for name, path in PAGES.items():
                urllib.request.urlopen(server.url(path)).read()  # fill the page cache
                cache_state = urllib.request.urlopen(server.url(path)).headers.get("X-Page-Cache")
                if cache_state != "hit":
                    print(
                        f"  !! {path} is not served from the page cache (X-Page-Cache: {cache_state})"
                    )
                # The machine is shared: alternate static and page runs (static, page, page,
                # static, …) so a burst of other load weighs on both sides alike.
                pages, statics = [], []
                for round_ in range(args.rounds):
                    first, second = ("static", "page") if round_ % 2 == 0 else ("page", "static")
                    for kind in (first, second):
                        url = server.url(path if kind == "page" else f"/static/bench-{name}.html")
                        (pages if kind == "page" else statics).append(wrk(url, args.seconds))
                results[name] = (sizes[name], combine(pages), combine(statics))
            peak_cached = server.worker_peak_rss_kib()

        with Gunicorn(uncached_env, args.port, 1) as server:
            serial = wrk(server.url("/inovasi/"), args.seconds, connections=1, threads=1)
            filtered = wrk(
                server.url("/inovasi/?q=desa&page=3"), args.seconds, connections=1, threads=1
            )
            peak_uncached = server.worker_peak_rss_kib()

        print(
            f"\nmachine: {os.cpu_count()} cores; gunicorn {args.workers} sync workers; wrk 2 threads, "
            f"16 connections, {args.rounds} runs of {args.seconds}s per page and per static file\n"
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
            print(
                f"  runs (req/s): page {' '.join(f'{r:.0f}' for r in page['runs'])}, "
                f"static {' '.join(f'{r:.0f}' for r in static['runs'])}"
            )
            if page["errors"] or static["errors"]:
                print(f"  !! non-2xx responses: page {page['errors']}, static {static['errors']}")
        print(f"\nuncached catalogue, {args.innovations} extra innovations, 1 connection:")
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
