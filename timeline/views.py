"""Reader views: the stories, a story's timeline and its exports. Anyone may read and export
a published story; readers see reviewed claims only, editors also drafts and draft stories
(Claim.objects.visible_to, Story.objects.visible_to)."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_safe
from django.views.decorators.vary import vary_on_headers

from config.i18n import language_neutral
from timeline import timeline_page
from timeline.cache import ReaderCache
from timeline.export import FORMATS, Links, export_chunks, export_filename
from timeline.filters import ActorDirectory, filtered_claims, tidy_query
from timeline.models import Claim, Story
from timeline.roles import is_editor


def _story(request, slug) -> Story:
    return get_object_or_404(Story.objects.visible_to(request.user), slug=slug)


def _first_story_url(name: str, request) -> str:
    story = Story.objects.first_story()
    if story is None:
        raise Http404(gettext("There is no story yet."))
    url = reverse(name, args=[story.slug])
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


def first_story_redirect(name: str):
    """A view that sends the first cut's address (/export.csv?kind=denial) for good to the
    same thing of the first story, filters and all: links shared before there were
    stories still work."""

    @require_safe
    def view(request):
        return redirect(_first_story_url(name, request), permanent=True)

    return view


@require_GET
def story_list(request):
    """The stories, newest change first; the first cut's timeline address (/?kind=denial)
    goes to the first story's timeline."""
    if request.GET:
        return redirect(_first_story_url("timeline:story", request), permanent=True)
    stories = Story.objects.visible_to(request.user).with_summary()
    return render(request, "timeline/story_list.html", {"stories": stories})


@require_GET
@vary_on_headers("HX-Request")
def timeline(request, slug):
    story = _story(request, slug)
    query, untidy = tidy_query(request.GET)
    tidy_url = f"{request.path}?{urlencode(query)}" if query else request.path
    if untidy and not request.htmx:
        # The shareable address: only the filters in use, by their current names.
        return redirect(tidy_url)
    page_number = request.GET.get("page")
    # What every reader sees alike, kept until the story changes; editors see drafts.
    shared = None if is_editor(request.user) else ReaderCache(story, query)
    top, listing = shared.get(page_number) if shared else (None, None)
    context, status = {"story": story}, 200
    if top is None or listing is None:
        # Its propositions read once, for the filter form and the story box alike.
        prefetch_related_objects([story], "propositions")
        actors = ActorDirectory.load()
        claims = story.claims_visible_to(request.user)
        form, claims = filtered_claims(request.GET, claims, actors, story)
        context["form"] = form
        if form.errors:
            # htmx swaps only successful responses: its request gets the errors with a 200.
            status = 200 if request.htmx else 400
            context["filters_html"] = timeline_page.render_filters(request, story, form)
        else:
            new_top, new_listing = top is None, listing is None
            if new_top:
                top = timeline_page.render_top(request, story, claims, actors, form)
            if new_listing:
                listing = timeline_page.render_claims(
                    request, story, claims, actors, form, top, page_number
                )
            if shared:
                shared.keep(top if new_top else None, listing if new_listing else None)
    if status == 200 and top is not None:
        context |= top | listing
    partial = request.htmx and not request.htmx.history_restore_request
    template = "timeline/timeline.html#timeline-list" if partial else "timeline/timeline.html"
    response = render(request, template, context, status=status)
    if untidy:
        response["HX-Push-Url"] = tidy_url  # the address htmx shows, instead of every field
    return response


def readable_from_any_origin(view):
    """An export any web page may read (a TimelineJS embed, Knight Lab's own included): GET
    and HEAD only, answered with `Access-Control-Allow-Origin: *`. Never with credentials:
    a request from another origin is answered as a reader's (reviewed claims only) whatever
    cookies it carries, and an editor's own export (drafts) is not opened to other origins."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"{request.scheme}://{request.get_host()}":
            request.user = AnonymousUser()
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Origin"])
        if not is_editor(request.user):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return require_safe(wrapped)


def _export(request, slug, fmt):
    """A story's claims as the reader or editor sees them, filtered as the page is (a draft
    story is only its editors' to export: a reader gets a 404)."""
    story = _story(request, slug)
    actors = ActorDirectory.load()
    form, claims = filtered_claims(
        request.GET, story.claims_visible_to(request.user), actors, story
    )
    if form.errors:
        lines = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
        return HttpResponseBadRequest(
            "The filters are not valid:\n" + "\n".join(lines) + "\n",
            content_type="text/plain; charset=utf-8",
        )
    if request.method == "HEAD":
        chunks = iter(())  # the headers of GET, without reading the rows
    else:
        arcs = claims.story_arcs(story, actors.story_actors(), form.scope()) if fmt != "csv" else ()
        chunks = export_chunks(
            fmt,
            claims,
            Links(request.build_absolute_uri("/")),
            story=story,
            arcs=arcs,
            bom=request.GET.get("excel") == "1",
            internal=is_editor(request.user),
        )
    extension, content_type, disposition = FORMATS[fmt]
    response = StreamingHttpResponse(chunks, content_type=content_type)
    # An editor's file with drafts in it, or of a draft story, is named so (and its status
    # column says which claims are drafts).
    drafts = is_editor(request.user) and (
        not story.is_published or claims.filter(status=Claim.Status.DRAFT).exists()
    )
    filename = export_filename(story.slug, timezone.localdate(), extension, with_drafts=drafts)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@readable_from_any_origin
@language_neutral
def export_csv(request, slug):
    return _export(request, slug, "csv")


@readable_from_any_origin
@language_neutral
def export_json(request, slug):
    return _export(request, slug, "json")


@readable_from_any_origin
@language_neutral
def export_timelinejs(request, slug):
    return _export(request, slug, "timelinejs")
