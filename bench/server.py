"""What the benches share: the production-like Django environment, the database reset, and the
servers they start on this machine — gunicorn (`Gunicorn`) and, in front of it, an nginx
terminating TLS (`Nginx`), each a context manager that always stops what it started.

`Nginx` runs its own instance (never the system service): a throwaway self-signed EC P-256
certificate (what a modern site would use; ECDSA handshakes are also cheaper than RSA-2048
ones) and an nginx.conf in a temporary directory, `nginx -p <dir> -c <conf> -g 'daemon off;'`
as a child process, the directory removed on exit. It serves STATIC_ROOT itself under
/static/ (as a production proxy would) and proxies everything else to gunicorn.
Traffic goes only to 127.0.0.1.
"""

import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

# For the bench's own calls to its local nginx, whose certificate is self-signed.
UNVERIFIED_TLS = ssl.create_default_context()
UNVERIFIED_TLS.check_hostname = False
UNVERIFIED_TLS.verify_mode = ssl.CERT_NONE


def sh(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def reset_database(name):
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_env(database, redis_db, static_root, **overrides):
    """Production settings (DEBUG off, whitenoise) on this machine's PostgreSQL and Redis,
    plain http on 127.0.0.1; `overrides` are further environment variables."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "festival.config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "CACHE_URL": f"rediscache://127.0.0.1:6379/{redis_db}",
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "USE_X_FORWARDED_PROTO": "0",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


def flush_redis(db):
    subprocess.run(["redis-cli", "-n", str(db), "flushdb"], check=False, capture_output=True)


class Gunicorn:
    """gunicorn with `workers` sync workers on 127.0.0.1:`port`, up once /healthz answers."""

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

    def get(self, path, headers=None):
        request = urllib.request.Request(self.url(path), headers=headers or {})
        return urllib.request.urlopen(request)

    def worker_peak_rss_kib(self):
        """The highest peak resident memory (VmHWM) among the workers, in KiB."""
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


NGINX_CONF = """\
# bench nginx, written by bench/server.py; removed with its directory.
{user}worker_processes {worker_processes};
error_log {dir}/error.log warn;
pid {dir}/nginx.pid;

events {{
    worker_connections 1024;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    server {{
        # No http2 on the listen line: wrk speaks HTTP/1.1.
        listen 127.0.0.1:{port} ssl;
        server_name 127.0.0.1 localhost;
        ssl_certificate {dir}/cert.pem;
        ssl_certificate_key {dir}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:SSL:1m;

{static_location}
        location / {{
            proxy_pass http://127.0.0.1:{upstream_port};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $remote_addr;
        }}
    }}
}}
"""


STATIC_LOCATION = """\
        location /static/ {{
            alias {static_root}/;
            expires max;
            gzip off;
        }}
"""


class Nginx:
    """nginx on 127.0.0.1:`port` (TLS, HTTP/1.1, keepalive) in front of gunicorn on
    127.0.0.1:`upstream_port`, serving `static_root` itself under /static/ when `static_root`
    is given, else passing /static/ to gunicorn and whitenoise like every other path (as the
    README's production set-up does).

    One worker process by default: on a 2-core machine it shares the cores with wrk and two
    gunicorn workers, and one nginx worker already serves a static file several times faster
    than gunicorn serves a page; more would only take turns with them for the same cores.
    """

    def __init__(self, port, upstream_port, static_root, worker_processes=1):
        self.port, self.upstream_port = port, upstream_port
        self.static_root = Path(static_root) if static_root else None
        self.worker_processes = worker_processes
        self.proc = None

    def __enter__(self):
        if not shutil.which("nginx"):
            raise RuntimeError("nginx not found: apt-get install nginx")
        self.dir = Path(tempfile.mkdtemp(prefix="fpp-bench-nginx-"))
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self):
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                str(self.dir / "key.pem"),
                "-out",
                str(self.dir / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )
        # As root, nginx would hand its workers to `nobody`, who may not read the bench's
        # private temporary directories: keep them as the user running the bench.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        conf = self.dir / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                user=user,
                worker_processes=self.worker_processes,
                dir=self.dir,
                port=self.port,
                upstream_port=self.upstream_port,
                static_location=STATIC_LOCATION.format(static_root=self.static_root)
                if self.static_root
                else "",
            )
        )
        command = ["nginx", "-p", str(self.dir), "-c", str(conf), "-e", str(self.dir / "error.log")]
        subprocess.run([*command, "-t", "-q"], check=True)
        self.proc = subprocess.Popen(
            [*command, "-g", "daemon off;"], cwd=self.dir, start_new_session=True
        )
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited:\n{self.error_log()}")
            try:
                with (
                    socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock,
                    UNVERIFIED_TLS.wrap_socket(sock, server_hostname="127.0.0.1"),
                ):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx did not start:\n{self.error_log()}")

    def error_log(self):
        log = self.dir / "error.log"
        return log.read_text() if log.exists() else ""

    def url(self, path):
        return f"https://127.0.0.1:{self.port}{path}"

    def get(self, path, headers=None):
        request = urllib.request.Request(self.url(path), headers=headers or {})
        return urllib.request.urlopen(request, context=UNVERIFIED_TLS)

    def __exit__(self, *exc):
        try:
            if self.proc is not None and self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGTERM)  # fast shutdown
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(timeout=10)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


WRK_PATHS_SCRIPT = """\
-- Each request asks for the next path of the list (written by bench/server.py).
local paths = {%s}
local next_path = 0
request = function()
    next_path = next_path %% #paths + 1
    return wrk.format("GET", paths[next_path])
end
"""


def wrk(url, seconds, connections=16, threads=2, headers=(), paths=None):
    """One wrk run: requests per second, non-2xx/3xx responses, latency percentiles
    (50/90/99) and the raw output. With `paths`, each request asks for the next of them in
    turn (a wrk Lua script) on the host of `url`."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if paths:
        script = Path(tempfile.mkstemp(prefix="fpp-wrk-", suffix=".lua")[1])
        quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
        script.write_text(WRK_PATHS_SCRIPT % quoted)
        command += ["-s", str(script)]
    try:
        out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        if paths:
            script.unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+([\d.]+\w+)", out, flags=re.M))
    return {
        "rps": rps,
        "errors": int(non2xx.group(1)) if non2xx else 0,
        "latency": latency,
        "output": out,
    }
