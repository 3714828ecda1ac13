"""What one "check your answers" POST with three tall document photos costs a worker.

Makes three JPEGs of 2000 × 14990 px (30 megapixels each, a few MB: the attack of a resident's
request form with every photo at the limit), then starts a fresh worker process (Django with
the project's settings, a throwaway SQLite database and private folder) that posts them once
through Django's test client to a KIA request form, step "check". The worker prints its peak
resident memory (resource.getrusage ru_maxrss) before and after the POST, the seconds the POST
took, what the page said, and what it left in the held folder.

    .venv/bin/python bench/uploads.py            # three 2000 × 14990 JPEGs
    .venv/bin/python bench/uploads.py --height 3000   # a phone-sized photo, for comparison

Everything it writes is under a temporary folder removed at the end; it sends no traffic.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_jpeg(path: Path, width: int, height: int) -> None:
    from PIL import Image, ImageDraw

    # Lines of "text" on paper with a little noise: compresses like a photo of a document.
    image = Image.new("RGB", (width, height), (236, 232, 220))
    draw = ImageDraw.Draw(image)
    for y in range(40, height - 40, 36):
        for x in range(60, width - 200, 140):
            draw.rectangle((x, y, x + 110 - (x * 7 + y) % 50, y + 14), fill=(40, 40, 60))
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    image = Image.blend(image, noise, 0.18)
    image.save(path, format="JPEG", quality=80)


def worker(folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "festival.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)

    from festival.models import Edition
    from services.models import Offering, Service

    edition = Edition.objects.create(
        year=2099,
        name="Festival (uji beban)",
        slug="bench-edition",
        start_date=__import__("datetime").date(2099, 12, 14),
        end_date=__import__("datetime").date(2099, 12, 16),
        venue_name="-",
        venue_address="-",
        organiser="-",
        about="-",
        is_published=True,
    )
    service = Service.objects.create(
        name="KIA (uji beban)",
        short_name="KIA",
        slug="kia",
        summary="-",
        form_kind=Service.FormKind.KIA,
    )
    Offering.objects.create(edition=edition, service=service, agency="-", requests_open=True)
    client = Client()
    url = "/layanan/kia/ajukan/"
    assert client.get(url).status_code == 200  # warm: templates, translations, URLconf
    data = {
        "step": "check",
        "applicant_name": "Uji Beban",
        "nik": "3510164101900001",
        "phone": "081234567890",
        "email": "",
        "preferred_day": "2099-12-15",
        "child_name": "Anak Uji",
        "child_birth_date": "2019-05-20",
        "birth_certificate_number": "3510-LT-20052019-0001",
        "kk_number": "3510160101200003",
    }
    files = {
        kind: open(folder / f"{kind}.jpg", "rb")  # noqa: SIM115 - closed below
        for kind in ("birth_certificate", "kk", "ktp")
    }
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.post(url, {**data, **files})
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for fh in files.values():
        fh.close()
    held = folder / "private" / "services" / "held"
    held_files = sorted(held.glob("*")) if held.exists() else []
    body = response.content.decode()
    print(
        json.dumps(
            {
                "status": response.status_code,
                "seconds": round(seconds, 2),
                "peak_rss_mib_before_post": round(before / 1024),
                "peak_rss_mib_after_post": round(after / 1024),
                "page": "check-answers"
                if 'name="answers"' in body
                else ("form with errors" if "errorlist" in body or "error" in body else "other"),
                "held_files": len(held_files),
                "held_bytes": sum(p.stat().st_size for p in held_files),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--width", type=int, default=2000)
    parser.add_argument("--height", type=int, default=14990)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker))
        return
    if args.make:
        for kind in ("birth_certificate", "kk", "ktp"):
            make_jpeg(Path(args.make) / f"{kind}.jpg", args.width, args.height)
        return
    with tempfile.TemporaryDirectory(prefix="bench-uploads-") as tmp:
        folder = Path(tmp)
        # In a process of its own: Linux keeps ru_maxrss across fork and exec, so the
        # worker must not start from a parent that held the images.
        size = ["--width", str(args.width), "--height", str(args.height)]
        subprocess.run([sys.executable, __file__, "--make", tmp, *size], check=True)
        sizes = [(folder / f"{k}.jpg").stat().st_size for k in ("birth_certificate", "kk", "ktp")]
        print(
            f"3 JPEGs of {args.width} × {args.height} px, "
            f"{', '.join(f'{s / 1e6:.1f} MB' for s in sizes)}"
        )
        env = {
            **os.environ,
            "DEBUG": "1",
            "ENV_FILE": "",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "CACHE_URL": "locmemcache://",
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "MEDIA_ROOT": str(folder / "media"),
            "FESTIVAL_NOW": "",
        }
        result = subprocess.run(
            [sys.executable, __file__, "--worker", str(folder)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            sys.exit(result.stderr)
        print(result.stdout.strip())


if __name__ == "__main__":
    main()
