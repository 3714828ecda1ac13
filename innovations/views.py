import os
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django.views.static import serve

from festival.sitewide import frame
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
    rarely has, so the page is built for speed without it (bench/pages.py): the kept frame
    (festival/sitewide/frame.py), the filter choices and selects in one round trip to the
    cache; one query for the page's rows and the count; the page's kept cards
    (innovations/cards.py) in a second round trip; a small template for the rest."""
    # The frame, the choices and the selects: one round trip (CatalogueFilterForm).
    frame_key = frame.key(request) if frame.keepable(request) else None
    form = CatalogueFilterForm(request.GET, also=(frame_key,) if frame_key else ())
    page = queries.catalogue_page(
        form.filters(), request.GET.get("page"), per_page=PER_PAGE, generation=form.generation
    )
    active_filters = form.active()
    params = request.GET
    data_query = site_links.query_with(params, page=None)
    context = {
        "form": form,
        "q_value": form["q"].value() or "",
        "q_max_length": SEARCH_MAX_LENGTH,
        "select_widgets": form.select_widgets(),
        "active_filters": active_filters,
        "page": page,
        "cards": mark_safe("".join(cards.rendered_rows(page.rows, gen=form.generation))),  # noqa: S308 - rendered templates
        "page_links": _page_links(page, params),
        "previous_url": site_links.query_with(params, page=page.number - 1)
        if page.number > 1
        else "",
        "next_url": site_links.query_with(params, page=page.number + 1)
        if page.number < page.num_pages
        else "",
        "list_url": reverse("innovations:list"),
        "csv_url": reverse("data:catalogue", kwargs={"fmt": "csv"}) + data_query,
        "json_url": reverse("data:catalogue", kwargs={"fmt": "json"}) + data_query,
        "data_url": reverse("data:index"),
    }
    title = gettext("Katalog inovasi")
    if page.number > 1:
        title += " – " + gettext("halaman %(number)s") % {"number": page.number}
    return frame.page(
        request,
        render_to_string("innovations/_catalogue.html", context, request),
        title=f"{title} – {gettext('Festival Pelayanan Publik Banyuwangi')}",
        meta_description=gettext(
            "Inovasi pelayanan publik Pemerintah Kabupaten Banyuwangi yang dipamerkan di "
            "festival: cari menurut tema, penghargaan, atau instansi."
        ),
        meta_robots='<meta name="robots" content="noindex, follow">' if active_filters else "",
        kept=form.kept_also,
        generation=form.generation,
    )


def _page_links(page, params) -> list[tuple[int | None, str]]:
    """(number, link) of the first page, the last, and two on each side of this one, as
    Django's elided page range: the current page has no link, a gap has no number."""
    paginator = Paginator(range(page.count), page.per_page)
    links = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append((None, "…"))
        elif number == page.number:
            links.append((number, ""))
        else:
            links.append((number, site_links.query_with(params, page=number)))
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
