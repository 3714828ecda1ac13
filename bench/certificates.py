#!/usr/bin/env python
"""Bulk certificates: 100 issued by the background task, then 100 PDFs drawn (the ZIP).

1. Issue: a bench workshop with N participants who attended its session; the admin's task
   (workshops.tasks.issue_certificates) is enqueued on the database task backend and run by
   `manage.py db_worker --batch` (the production worker, which exits once the queue is empty).
   Prints the task's status and result, wall time, time per certificate, and the worker
   process's peak RSS.
2. Draw: every PDF of the workshop into a ZIP (workshops.certificate_files.zip_of, what the
   admin's "Unduh ZIP" runs), in this process. Prints time per PDF, the process's RSS before
   and its peak during, the largest Python allocation peak of one PDF (tracemalloc, a second
   pass), and PDF and ZIP sizes. Writes one PDF and its PNG (pdftoppm, 60 dpi) to --out.

    .venv/bin/python bench/certificates.py                    # 100, SQLite file in /tmp
    .venv/bin/python bench/certificates.py --count 100 \\
        --database-url postgres://postgres@127.0.0.1:5432/fpp_cert_bench

The database is the bench's own: a fresh SQLite file, or a PostgreSQL database that it drops
and creates. Bench data is named as such ("Edisi bench", "Peserta bench n"), never content.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    # Linux: writing 5 to clear_refs resets VmHWM to the current RSS.
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def prepare_database(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        Path(parts.path).unlink(missing_ok=True)
        return
    name = parts.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--database-url", default="sqlite:////tmp/fpp_certificates_bench.sqlite3")
    parser.add_argument("--out", default="/tmp/fpp_certificates_bench")
    args = parser.parse_args()

    env = {
        "DEBUG": "0",
        "SECRET_KEY": "bench-certificates-not-secret",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": args.database_url,
        "CACHE_URL": "locmemcache://",
        "TASKS_BACKEND": "database",
        "SITE_URL": "https://festival.example.go.id",
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_URL": "consolemail://",
        "FESTIVAL_NOW": "",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "festival.config.settings"
    prepare_database(args.database_url)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        check=True,
        env=os.environ,
    )

    import django

    django.setup()
    import datetime

    from django_tasks_db.models import DBTaskResult

    from festival.models import Edition
    from festival.sitewide.models import Kecamatan
    from workshops import certificate_files, tasks
    from workshops.models import Attendance, Certificate, Registration, Workshop, WorkshopSession

    # Arrange: a bench edition with one workshop of one session, N participants who came.
    edition = Edition.objects.create(
        year=2099,
        name="Edisi bench",
        slug="edisi-bench",
        start_date=datetime.date(2099, 12, 14),
        end_date=datetime.date(2099, 12, 16),
        organiser="Bench",
        about="Data bench, bukan konten.",
        is_published=False,
    )
    workshop = Workshop.objects.create(
        edition=edition,
        title="Workshop bench sertifikat",
        slug="workshop-bench",
        capacity=args.count,
        certificate_signatory_name="Penanda Tangan Bench",
        certificate_signatory_position="Jabatan Penanda Tangan Bench",
        jp=8,
    )
    session = WorkshopSession.objects.create(workshop=workshop, date=edition.start_date)
    kecamatan = Kecamatan.objects.create(code="99.99.01", name="Kecamatan Bench")
    registrations = Registration.objects.bulk_create(
        Registration(
            workshop=workshop,
            code=f"B{n:05d}",
            full_name=f"Peserta Bench Ñomor {n}",
            position="Bench",
            office_kind="kecamatan",
            kecamatan=kecamatan,
            phone=f"+62812000{n:05d}",
            consent=True,
        )
        for n in range(args.count)
    )
    Attendance.objects.bulk_create(
        Attendance(
            registration=registration,
            session=session,
            checked_in_at=session.starts_at(),
            source=Attendance.Source.PAPER,
        )
        for registration in registrations
    )

    # 1. Issue, as the admin does: enqueue the task; the worker runs it.
    result = tasks.issue_certificates.enqueue(workshop_id=workshop.pk)
    started = time.perf_counter()
    worker = subprocess.Popen(
        [python, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=os.environ,
    )
    # wait4: this one child's resource usage (its peak RSS), not migrate's.
    _pid, status, usage = os.wait4(worker.pid, 0)
    worker.returncode = os.waitstatus_to_exitcode(status)
    issue_seconds = time.perf_counter() - started
    if worker.returncode != 0:
        sys.exit(f"db_worker exited with {worker.returncode}")
    worker_peak = usage.ru_maxrss / 1024
    row = DBTaskResult.objects.get(id=result.id)
    issued = Certificate.objects.filter(workshop=workshop).count()
    print(f"issue task: {row.status}, {row.return_value!r}; {issued} certificates")
    print(
        f"  {issue_seconds:.2f} s in all (worker start included), "
        f"{issue_seconds / max(issued, 1) * 1000:.1f} ms per certificate; "
        f"worker peak RSS {worker_peak:.0f} MiB"
    )

    # 2. Draw every PDF into a ZIP, as the admin's download does.
    first = Certificate.objects.for_pdf().get(workshop=workshop, sequence=1)
    certificate_files.render(first)  # fonts registered, modules loaded
    baseline = rss_mib()
    reset_peak()
    started = time.perf_counter()
    spool = certificate_files.zip_of(workshop)
    draw_seconds = time.perf_counter() - started
    peak = peak_rss_mib()
    zip_size = spool.seek(0, os.SEEK_END)
    spool.close()
    tracemalloc.start()
    largest = 0
    sizes = []
    for certificate in Certificate.objects.for_pdf().filter(workshop=workshop)[:20]:
        tracemalloc.reset_peak()
        sizes.append(len(certificate_files.render(certificate)))
        largest = max(largest, tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()
    print(
        f"draw {issued} PDFs into a ZIP: {draw_seconds:.2f} s, "
        f"{draw_seconds / max(issued, 1) * 1000:.1f} ms per PDF"
    )
    print(
        f"  RSS {baseline:.0f} MiB before, peak {peak:.0f} MiB during "
        f"(+{peak - baseline:.1f} MiB for all {issued}); largest Python allocation peak of one "
        f"PDF {largest / 1024:.0f} KiB"
    )
    print(f"  PDF {sum(sizes) / len(sizes) / 1024:.0f} KiB each, ZIP {zip_size / 1024:.0f} KiB")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sertifikat.pdf").write_bytes(certificate_files.render(first))
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", "sertifikat.pdf", "sertifikat"],
            cwd=out,
            check=True,
        )
    print(f"sample: {out / 'sertifikat.pdf'}")


if __name__ == "__main__":
    main()
