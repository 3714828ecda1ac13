"""A trigram index on the innovations' names (`search_title`), PostgreSQL only: it serves the
search's typo forgiveness (`word <% search_title`, innovations/search.py), which otherwise
computes the similarity of every row's name."""

from django.db import migrations

TITLE_INDEX = """
CREATE INDEX IF NOT EXISTS innovation_title_trgm
    ON innovations_innovation USING gin (search_title gin_trgm_ops);
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("innovations", "0011_search_names"),
    ]

    operations = [
        migrations.RunPython(
            on_postgresql(TITLE_INDEX),
            on_postgresql("DROP INDEX IF EXISTS innovation_title_trgm;"),
        ),
    ]
