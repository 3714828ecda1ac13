"""Search columns the database keeps (lowered, and on PostgreSQL unaccented) and, on
PostgreSQL only, the extensions they need and a trigram index; SQLite gets the plain columns
(the suite runs on both)."""

import django.db.models.functions.text
from django.db import migrations, models

import innovations.search

EXTENSIONS_AND_FUNCTION = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- unaccent() is STABLE (its dictionary could change); generated columns and indexes need an
-- IMMUTABLE function, so a wrapper naming its dictionary, the usual way to index it.
CREATE OR REPLACE FUNCTION innovations_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""
TRIGRAM_INDEX = """
CREATE INDEX IF NOT EXISTS innovation_search_trgm
    ON innovations_innovation USING gin (search_text gin_trgm_ops);
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run



class Migration(migrations.Migration):

    dependencies = [
        ('innovations', '0009_exhibit_booth_on_plan'),
    ]

    operations = [
        migrations.RunPython(
            on_postgresql(EXTENSIONS_AND_FUNCTION),
            on_postgresql("DROP FUNCTION IF EXISTS innovations_unaccent(text);"),
        ),
        migrations.AddField(
            model_name='innovation',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=innovations.search.Unaccent(django.db.models.functions.text.Lower(innovations.search.Words('name', 'name_en', 'acronym', 'acronym_expansion', 'acronym_expansion_en', 'summary', 'summary_en', 'description', 'description_en'))), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='innovation',
            name='search_title',
            field=models.GeneratedField(db_persist=True, expression=innovations.search.Unaccent(django.db.models.functions.text.Lower(innovations.search.Words('name', 'name_en', 'acronym', 'acronym_expansion', 'acronym_expansion_en'))), output_field=models.TextField()),
        ),
        migrations.RunPython(
            on_postgresql(TRIGRAM_INDEX),
            on_postgresql("DROP INDEX IF EXISTS innovation_search_trgm;"),
        ),
    ]
