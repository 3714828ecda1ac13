import os
from urllib.parse import quote

from django.conf import settings
from django.http import Http404
from django.templatetags.static import static
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView
from django.views.static import serve

from festival.sitewide.i18n import localized
from festival.sitewide.links import absolute_url
from innovations import cards, queries
from innovations.forms import CatalogueFilterForm
from innovations.models import Innovation
from innovations.structured_data import innovation_json_ld

CARD_UNUSED = ("description", "description_en", "search_text", "search_title")


class InnovationListView(ListView):
    """The catalogue: a GET form of filters that combine, results paginated."""

    template_name = "innovations/innovation_list.html"
    context_object_name = "innovations"
    paginate_by = 12

    def get_queryset(self):
        self.form = CatalogueFilterForm(self.request.GET)
        # Awards and photos are fetched only for the cards not kept (cards.rendered).
        # Nor the long texts no card shows, which would make every row to sort wide.
        return queries.catalogue(**self.form.filters()).prefetch_related(None).defer(*CARD_UNUSED)

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or not a number shows the nearest page, never a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["active_filters"] = self.form.active()
        context["select_widgets"] = self.form.select_widgets()
        context["cards"] = cards.rendered(list(context["innovations"]))
        # The first, the last and two on each side of this one: not a loop over every page
        # number in the template (168 of them with 2,000 innovations).
        page = context["page_obj"]
        context["page_links"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        return context


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
