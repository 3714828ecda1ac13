import functools
import os
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django.views.static import serve

from festival.sitewide import frame, pagecache
from festival.sitewide import links as site_links
from festival.sitewide.i18n import localized
from festival.sitewide.links import absolute_url
from innovations import cards, queries
from innovations.forms import SEARCH_MAX_LENGTH, CatalogueFilterForm
from innovations.models import Innovation
from innovations.structured_data import innovation_json_ld

PER_PAGE = 12


@require_GET
def catalogue(request):
    """The catalogue: a GET form of filters that combine, results in pages of twelve.

    Every search, filter and page number is an address of its own, which the page cache
    rarely has, so the page is built for speed without it (measured with bench/pages.py):
    - one round trip to the shared cache for the content generation and what this worker
      does not hold in memory yet (pagecache.kept): the frame (festival/sitewide/frame.py),
      the filter choices and selects, and the content's own skeleton, split at its holes;
    - no query: the filters and the exact search are answered from this worker's index of
      the catalogue (innovations/catalogue_index.py), the cards are kept (cards.py);
    - two small templates (the summary line and the page links) and the holes filled.
    A visitor whose frame is their own (a session, a flash message), an edition filter with
    an error, or no result gets the content rendered whole, from the same template."""
    keepable = frame.keepable(request)
    language = translation.get_language()
    frame_key = frame.key(request) if keepable else None
    skeleton_keys = (
        f"catalogue-skeleton:v1:{language}:plain",
        f"catalogue-skeleton:v1:{language}:filtered",
    )
    form = CatalogueFilterForm(request.GET, also=(frame_key, *skeleton_keys) if keepable else ())
    page = queries.catalogue_page(
        form.filters(), request.GET.get("page"), per_page=PER_PAGE, generation=form.generation
    )
    active_filters = form.active()
    params = request.GET
    data_query = site_links.query_with(params, page=None)
    urls = _urls(language)
    context = {
        "form": form,
        "q_max_length": SEARCH_MAX_LENGTH,
        "active_filters": active_filters,
        "page": page,
        **urls,
    }
    q_value = form["q"].value() or ""
    holes = {
        "q_value_attribute": format_html(' value="{}"', q_value) if q_value else "",
        "cards": mark_safe("".join(cards.rendered_rows(page.rows, gen=form.generation))),  # noqa: S308 - rendered templates
        "csv_url": escape(urls["csv_url"] + data_query),
        "json_url": escape(urls["json_url"] + data_query),
    }
    # (Rendered pieces: their whitespace around trimmed, still safe HTML.)
    holes["summary"] = mark_safe(  # noqa: S308
        render_to_string("innovations/_catalogue_summary.html", context).strip()
    )
    holes["pagination"] = (
        mark_safe(  # noqa: S308
            render_to_string(
                "innovations/_catalogue_pagination.html",
                {
                    "page_links": _page_links(page, params),
                    "previous_url": site_links.query_with(params, page=page.number - 1)
                    if page.number > 1
                    else "",
                    "next_url": site_links.query_with(params, page=page.number + 1)
                    if page.number < page.num_pages
                    else "",
                },
            ).strip()
        )
        if page.num_pages > 1
        else ""
    )
    select_widgets = form.select_widgets()
    holes.update((f"select_{field.name}", widget) for field, widget in select_widgets)
    skeleton_key = skeleton_keys[bool(active_filters)]
    if keepable and page.rows and not form.has_error("edisi"):
        skeleton = form.kept_also.get(skeleton_key)
        if skeleton is None:
            markers = {name: mark_safe(frame.marker(name)) for name in holes}  # noqa: S308 - letters and digits
            skeleton = frame.split(
                render_to_string(
                    "innovations/_catalogue.html",
                    {
                        **context,
                        **markers,
                        "select_widgets": [
                            (field, markers[f"select_{field.name}"]) for field, _ in select_widgets
                        ],
                    },
                )
            )
            pagecache.keep({skeleton_key: skeleton}, form.generation)
        content = frame.fill(skeleton, holes)
    else:
        content = render_to_string(
            "innovations/_catalogue.html",
            {**context, **holes, "select_widgets": select_widgets},
            request,
        )
    title = gettext("Katalog inovasi")
    if page.number > 1:
        title += " – " + gettext("halaman %(number)s") % {"number": page.number}
    return frame.page(
        request,
        content,
        title=f"{title} – {gettext('Festival Pelayanan Publik Banyuwangi')}",
        meta_description=gettext(
            "Inovasi pelayanan publik Pemerintah Kabupaten Banyuwangi yang dipamerkan di "
            "festival: cari menurut tema, penghargaan, atau instansi."
        ),
        meta_robots='<meta name="robots" content="noindex, follow">' if active_filters else "",
        kept=form.kept_also,
        generation=form.generation,
    )


@functools.lru_cache(maxsize=16)
def _urls_of(language: str, script_prefix: str) -> dict:
    return {
        "list_url": reverse("innovations:list"),
        "csv_url": reverse("data:catalogue", kwargs={"fmt": "csv"}),
        "json_url": reverse("data:catalogue", kwargs={"fmt": "json"}),
        "data_url": reverse("data:index"),
    }


def _urls(language: str) -> dict:
    """The catalogue's own links in `language` (the same on every page of it)."""
    return _urls_of(language, get_script_prefix())


def _page_links(page, params) -> list[tuple[int | None, str, str]]:
    """(number, link, label) of the first page, the last, and two on each side of this one,
    as Django's elided page range: the current page has no link, a gap has no number."""
    paginator = Paginator(range(page.count), page.per_page)
    # Translators: the label of a link to a page of results, e.g. "Halaman 3"
    label = gettext("Halaman %(number)s")
    links = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append((None, "…", ""))
        elif number == page.number:
            links.append((number, "", ""))
        else:
            url = site_links.query_with(params, page=number)
            links.append((number, url, label % {"number": number}))
    return links


class InnovationDetailView(DetailView):
    template_name = "innovations/innovation_detail.html"
    context_object_name = "innovation"

    def get_object(self, queryset=None):
        try:
            return queries.innovation_page(self.kwargs["slug"])
        except Innovation.DoesNotExist:
            raise Http404(gettext("Inovasi tidak ditemukan.")) from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        innovation = self.object
        url = absolute_url(innovation.get_absolute_url())
        short_url = absolute_url(innovation.short_path)
        share_text = f"{localized(innovation, 'name')}: {short_url}"
        # The booth at the latest edition that placed it on its plan, for the small map.
        booth = next((e.booth_place for e in innovation.shown_at if e.booth_place), None)
        context.update(
            page_url=url,
            short_url=short_url,
            booth=booth,
            booth_markers=[booth] if booth else [],
            crop=booth.plan.crop_around(booth) if booth else "",
            og=_open_graph(innovation, short_url),
            whatsapp_url=f"https://wa.me/?text={quote(share_text)}",
            related=queries.related_innovations(innovation),
            json_ld=innovation_json_ld(innovation, absolute=absolute_url),
        )
        return context


def _open_graph(innovation: Innovation, url: str) -> dict:
    """What a shared link to the innovation shows: its name, summary and cover photo (the
    960-pixel WebP rendition), else its theme's icon as a PNG (previewers mostly show no SVG)."""
    photo = innovation.first_photo
    if photo is not None:
        rendition = photo.renditions()[min(1, len(photo.renditions()) - 1)]
        image = {
            "image": absolute_url(rendition["url"]),
            "image_width": rendition["width"],
            "image_height": rendition["height"],
            "image_alt": localized(photo, "alt"),
        }
    else:
        image = {
            "image": absolute_url(static(innovation.theme.share_image_path)),
            "image_width": 1200,
            "image_height": 630,
            "image_alt": localized(innovation.theme, "name"),
        }
    return {
        "title": localized(innovation, "name"),
        "description": localized(innovation, "summary"),
        "url": url,
        **image,
    }


@require_GET
def photo_file(request, path):
    """Innovation photos when no proxy serves /media/ (e.g. `make serve`). Names are
    unique per upload and never reused, so browsers and proxies may keep them a year."""
    response = serve(request, path, document_root=os.path.join(settings.MEDIA_ROOT, "innovations"))
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_GET
def document_file(request, path):
    """Replication documents (PDF) when no proxy serves /media/. Downloaded rather than shown
    inline on this site's origin: a PDF is organisers' content, not a page of the site.
    Names are random per upload and never reused, so they may be kept a year."""
    response = serve(
        request, path, document_root=os.path.join(settings.MEDIA_ROOT, "innovations", "dokumen")
    )
    response["Content-Type"] = "application/pdf"
    response["Content-Disposition"] = f'attachment; filename="{path}"'
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
