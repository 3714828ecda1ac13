"""Static files in production: fingerprinted, compressed, cached for a year (whitenoise)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
import django
django.setup()
from django.templatetags.static import static
from django.test import Client
client = Client()
url = static("css/site.css")
plain = client.get(url, secure=True)
gzipped = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
brotli = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="br")
home = client.get("/", secure=True)
worker = client.get("/sw.js", secure=True)
print(json.dumps({
    "url": url,
    "cache_control": plain["Cache-Control"],
    "gzip": gzipped.get("Content-Encoding"),
    "br": brotli.get("Content-Encoding"),
    "home_links_hashed": url in home.content.decode(),
    "worker_saves_hashed": f'"{url}"' in worker.content.decode(),
}))
"""


def test_collectstatic_fingerprints_and_compresses_and_whitenoise_caches_for_a_year(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="festival.config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'static.sqlite3'}",
        CACHE_URL="locmemcache://",
        STATIC_ROOT=str(tmp_path / "static"),
        STATICFILES_BACKEND="whitenoise.storage.CompressedManifestStaticFilesStorage",
    )
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert run("manage.py", "collectstatic", "--noinput", "-v", "0").returncode == 0
    assert run("manage.py", "migrate", "-v", "0").returncode == 0

    result = run("-c", PROBE)

    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["url"].startswith("/static/css/site.") and served["url"] != "/static/css/site.css"
    assert "max-age=31536000" in served["cache_control"]
    assert "immutable" in served["cache_control"]
    assert served["gzip"] == "gzip"
    assert served["br"] == "br"
    # The offline worker saves the files under the names the pages ask for.
    assert served["worker_saves_hashed"]
    assert served["home_links_hashed"] is True
    assert list((tmp_path / "static" / "css").glob("site.*.css.br"))
