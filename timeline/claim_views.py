"""Claim pages (everyone) and the editor's writes (editors only).

Every write view answers htmx with partials (the claim panel next to the article, the
re-rendered highlights swapped out of band) and plain requests with full pages and
redirects, so that the same work can be done without JavaScript.
"""

import re
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from articles.models import Article
from timeline import editing, story_editing
from timeline.article_page import article_page, tagging_story
from timeline.forms import (
    ACTOR_FIELDS,
    ActorForm,
    ActorSearchForm,
    ClaimForm,
    InlinePropositionForm,
)
from timeline.models import Actor, Claim, Story
from timeline.roles import is_editor
from timeline.selection import selection_initial

# What a link may prefill in a new claim's form (a suggestion opened in the form): all an
# editor sets but the span, which the article's text decides, and the event date.
PREFILL = tuple(
    name
    for name in Claim.EDITABLE_FIELDS
    if name not in {"start", "end", "quote", "event_on", "event_precision"}
)
DELETED_PAGE_SIZE = 50
# What a new claim's save says, by its status (the English names the status as its label).
SAVED_AS = {
    Claim.Status.DRAFT: _("Claim saved as Draft: %(claim)s."),
    Claim.Status.REVIEWED: _("Claim saved as Reviewed: %(claim)s."),
}
SLUG = re.compile(r"[-\w]{1,120}", re.ASCII)


def editor_required(view):
    """Anonymous users go to the login page; logged-in readers get 403. Nothing runs first."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            to_login = redirect_to_login(request.get_full_path())
            return HttpResponseClientRedirect(to_login.url) if request.htmx else to_login
        if not is_editor(request.user):
            raise PermissionDenied(gettext("Only editors can change claims."))
        return view(request, *args, **kwargs)

    return guarded


def _claim_or_404(request, pk) -> Claim:
    """Editors reach every claim (drafts, deleted); readers only reviewed, live ones."""
    claims = Claim.objects.with_related().select_related("story", "proposition")
    if not is_editor(request.user):
        claims = claims.visible_to(request.user)
    return get_object_or_404(claims, pk=pk)


@require_GET
def claim_detail(request, pk):
    claim = _claim_or_404(request, pk)
    chain = Actor.objects.chain(claim.actor)  # the actor and those it speaks through
    return render(request, "timeline/claim_detail.html", {"claim": claim, "chain": chain})


@require_GET
def claim_history(request, pk):
    claim = _claim_or_404(request, pk)
    public = not is_editor(request.user)
    return render(
        request,
        "timeline/claim_history.html",
        {"claim": claim, "versions": editing.versions(claim, public=public), "public": public},
    )


def _actor_field(name: str, actor_pk=None):
    """The actor (or via) select of a claim form, with `actor_pk` chosen."""
    return ClaimForm(article=None, initial={name: actor_pk})[name]


@require_GET
@vary_on_headers("HX-Request")
def actor_search(request):
    form = ActorSearchForm(request.GET)
    form.is_valid()
    field = form.actor_field
    if "pick" in request.GET:
        if not form.cleaned_data.get("pick"):
            raise Http404("No such actor.")
        actor = get_object_or_404(Actor, pk=int(form.cleaned_data["pick"]))
        return render(
            request,
            "timeline/claim_form.html#actor-field",
            {"field": _actor_field(field, actor.pk)},
        )
    query = form.cleaned_data.get("q", "")
    actors = Actor.objects.matching(query)[:20]
    template = "timeline/actor_search.html"
    if request.htmx:
        template += "#actor-results"
    return render(request, template, {"actors": actors, "query": query, "field": field})


def _form_response(
    request, form, article, *, claim=None, conflict=None, deleted=None, proposition_form=None
):
    story = form.story
    if request.method == "GET":
        back = request.get_full_path()  # with the selection or suggestion it opened with
    elif claim is not None:
        back = reverse("timeline:claim-edit", args=[claim.pk])
    else:
        query = urlencode({"article": article.slug, "story": story.slug})
        back = f"{reverse('timeline:claim-create')}?{query}"
    context = {
        "form": form,
        "article": article,
        "story": story,
        "back": back,  # where the new actor's form, without JavaScript, returns to
        "claim": claim,
        "conflict": conflict,
        "deleted": deleted,
        "in_panel": bool(request.htmx),
        "actor_form": ActorForm(),
        "proposition_form": proposition_form
        or (InlinePropositionForm(story=story) if story else None),
    }
    if request.htmx:
        return render(request, "timeline/claim_form.html#claim-form", context)
    status = 409 if conflict or deleted else 200
    return render(request, "timeline/claim_form.html", context, status=status)


def _in_no_story(request, article, status):
    """A claim belongs to a story: an article in none cannot be tagged yet."""
    context = {"article": article, "in_panel": bool(request.htmx)}
    template = "timeline/claim_form.html#no-story" if request.htmx else "timeline/claim_form.html"
    return render(request, template, context, status=status)


def _saved(request, article, claim):
    """htmx: the panel says what happened; the highlights and lists are swapped out of band."""
    story, stories = tagging_story(article, claim.story.slug)
    context = article_page(request.user, article, story=story, stories=stories)
    return render(request, "timeline/_claim_saved.html", context | {"claim": claim})


def _article_and_story(request, slug):
    """The article a new claim is in (`slug`) and the story it is tagged for (`story` in the
    POST or the query string, a slug; else the article's first: article_page.tagging_story).
    Http404 for a story the article is not in; the story is None when it is in none."""
    story_slug = request.POST.get("story") or request.GET.get("story") or None
    if not SLUG.fullmatch(slug) or (story_slug and not SLUG.fullmatch(story_slug)):
        raise Http404("No such article or story.")
    article = get_object_or_404(Article, slug=slug)
    story, stories = tagging_story(article, story_slug)
    if story is None and stories:
        raise Http404("This article is not in that story.")
    return article, story


def _prefill(request, article) -> dict:
    """A new claim's form from a link: a selection (start, end, the quote the browser saw)
    or a suggestion (the same, and its kind, actor, number...). The span and its date are
    the server's (timeline.selection); the rest is what the link says, for the editor to
    check before saving."""
    initial = {key: request.GET[key] for key in PREFILL if request.GET.get(key)}
    if "start" in request.GET or "end" in request.GET:
        selection = selection_initial(
            article, request.GET.get("start"), request.GET.get("end"), request.GET.get("quote")
        )
        if selection:
            return initial | selection
        # The selection did not map onto the text: fall back to finding the quote on save.
        initial["quote"] = request.GET.get("quote", "")
    return initial


@editor_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def claim_create(request):
    slug = request.POST.get("article") or request.GET.get("article")
    if not slug:
        return HttpResponseBadRequest(
            gettext("Say which article the claim is in (?article=<slug>)."),
            content_type="text/plain; charset=utf-8",
        )
    article, story = _article_and_story(request, slug)
    if story is None:
        return _in_no_story(request, article, status=200 if request.method == "GET" else 400)
    if request.method == "GET":
        initial = _prefill(request, article)
        form = ClaimForm(initial=initial, article=article, story=story, suggest=True)
        return _form_response(request, form, article)
    form = ClaimForm(request.POST, article=article, story=story)
    if form.is_valid():
        try:
            claim = editing.claim_create(
                article=article, editor=request.user, story=story, **form.claim_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, SAVED_AS[claim.status] % {"claim": claim})
            if request.htmx:
                return _saved(request, article, claim)
            return redirect(claim.get_in_article_url())
    return _form_response(request, form, article)


@editor_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def claim_edit(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("article", "story"), pk=pk)
    article = claim.article
    if claim.deleted_at is not None and request.method == "GET":
        messages.info(request, gettext("This claim is deleted: restore it before editing it."))
        if request.htmx:
            return HttpResponseClientRedirect(claim.get_absolute_url())
        return redirect(claim)
    if request.method == "GET":
        return _form_response(
            request, ClaimForm(instance=claim, article=article), article, claim=claim
        )
    form = ClaimForm(request.POST, instance=claim, article=article)
    if form.is_valid():
        try:
            saved = editing.claim_update(
                claim,
                editor=request.user,
                expected_version=form.cleaned_data["version"],
                restore=bool(request.POST.get("restore")),
                **form.claim_fields(),
            )
        except editing.ClaimDeleted as deleted:
            # Deleted meanwhile: keep everything the editor typed, and offer to restore the
            # claim with their changes in one save.
            data = request.POST.copy()
            data["version"] = deleted.version
            form = ClaimForm(data, instance=deleted.claim, article=article)
            form.is_valid()
            return _form_response(request, form, article, claim=deleted.claim, deleted=deleted)
        except editing.ClaimConflict as conflict:
            # Keep everything the editor typed; a second save, made knowing what changed,
            # goes through.
            data = request.POST.copy()
            data["version"] = conflict.claim.version
            form = ClaimForm(data, instance=conflict.claim, article=article)
            form.is_valid()
            return _form_response(request, form, article, claim=conflict.claim, conflict=conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if saved.version == form.cleaned_data["version"]:
                messages.info(request, gettext("Nothing changed."))
            else:
                messages.success(request, gettext("Claim saved: %(claim)s.") % {"claim": saved})
            if request.htmx:
                return _saved(request, article, saved)
            return redirect(saved.get_in_article_url())
    return _form_response(request, form, article, claim=claim)


def _confirm(request, claim, action):
    return render(request, "timeline/claim_confirm.html", {"claim": claim, "action": action})


@editor_required
@require_http_methods(["GET", "POST"])
def claim_delete(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("article", "actor"), pk=pk)
    if request.method == "GET":
        return _confirm(request, claim, "delete")
    claim = editing.claim_delete(claim, editor=request.user)
    messages.success(request, gettext("Claim deleted. Its history keeps it; you can restore it."))
    if request.htmx:
        return _saved(request, claim.article, claim)
    return redirect(claim.article)


@editor_required
@require_http_methods(["GET", "POST"])
def claim_restore(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("article", "actor"), pk=pk)
    if request.method == "GET":
        return _confirm(request, claim, "restore")
    try:
        claim = editing.claim_restore(claim, editor=request.user)
    except ValidationError as error:
        messages.error(
            request,
            gettext("This claim cannot be restored as it is: %(errors)s")
            % {"errors": " ".join(error.messages)},
        )
        if request.htmx:
            return HttpResponseClientRedirect(claim.get_absolute_url())
        return redirect(claim)
    messages.success(request, gettext("Claim restored."))
    if request.htmx:
        return _saved(request, claim.article, claim)
    if next_url := _next_path(request):
        return redirect(next_url)  # back to the list of deleted claims
    return redirect(claim.get_in_article_url())


def _next_path(request) -> str:
    """Where to go back to after a write: a path on this site, else "" (the default).
    "abc" or "https://elsewhere/" is no place to send an editor."""
    url = request.POST.get("next", request.GET.get("next", ""))
    on_site = url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if url.startswith("/") and on_site else ""


def _actor_added(request, actor, field, next_url):
    if request.htmx:
        context = {
            "field": _actor_field(field, actor.pk),
            "actor": actor,
            "actor_form": ActorForm(),
            "in_panel": True,
            "oob": True,
        }
        return render(request, "timeline/_actor_created.html", context)
    messages.success(
        request, gettext("Actor added: %(actor)s. You can now pick it.") % {"actor": actor}
    )
    search = reverse("timeline:actor-search") + "?" + urlencode({"q": actor.name})
    return HttpResponseRedirect(next_url or search)


@editor_required
@require_GET
def claims_deleted(request):
    """Deleted claims, the latest first, for editors to find again and restore."""
    claims = Claim.objects.deleted()
    page = Paginator(claims, DELETED_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "timeline/claims_deleted.html", {"page": page})


@editor_required
@require_http_methods(["GET", "POST"])
def actor_create(request):
    field = request.POST.get("field", request.GET.get("field", "actor"))
    field = field if field in ACTOR_FIELDS else "actor"
    next_url = _next_path(request)
    form = ActorForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actor = editing.actor_create(editor=request.user, **form.actor_fields())
        except ValidationError as error:  # added by another editor since the form's check
            form.add_error(None, error)
        else:
            return _actor_added(request, actor, field, next_url)
    context = {"actor_form": form, "field": field, "next": next_url, "in_panel": request.htmx}
    if request.htmx:
        response = render(request, "timeline/actor_form.html#actor-form", context)
        return reswap(retarget(response, "#new-actor-box"), "outerHTML")
    return render(request, "timeline/actor_form.html", context)


@editor_required
@require_POST
@vary_on_headers("HX-Request")
def proposition_create_inline(request, slug):
    """A new proposition of the story, added from the claim form. The claim form's own
    fields come with it (its "Add proposition" button posts the whole form), so that the
    claim form comes back as the editor left it, the new proposition picked: with htmx only
    the proposition's fields are swapped; without JavaScript the whole form is shown again."""
    story = get_object_or_404(Story, slug=slug)
    article_slug = request.POST.get("article", "")
    if not SLUG.fullmatch(article_slug):
        raise Http404("No such article.")
    article = get_object_or_404(story.articles, slug=article_slug)
    claim = None
    if claim_pk := request.POST.get("claim"):
        if not claim_pk.isascii() or not claim_pk.isdigit() or len(claim_pk) > 18:
            raise Http404("No such claim.")
        claim = get_object_or_404(
            Claim.objects.select_related("article", "story"), pk=claim_pk, article=article
        )
        if claim.story_id != story.pk:
            raise Http404("The claim is in another story.")
    form = InlinePropositionForm(request.POST, story=story)
    proposition = None
    if form.is_valid():
        try:
            proposition = story_editing.proposition_save(
                form.save(commit=False), editor=request.user
            )
        except ValidationError as error:  # its slug, taken by another editor just now
            form.add_error(None, error.messages)
    # The claim form as the editor typed it, the new proposition picked (and its stance
    # suggested from the kind, unless one is picked).
    typed = {name: request.POST[name] for name in ClaimForm.base_fields if name in request.POST}
    if proposition is not None:
        typed["proposition"] = proposition.pk
    claim_form = ClaimForm(
        initial=typed, instance=claim, article=article, story=story, suggest=True
    )
    if request.htmx and proposition is not None:
        context = {
            "form": claim_form,
            "proposition": proposition,
            "proposition_form": InlinePropositionForm(story=story),
            "in_panel": True,
            "oob": True,
        }
        return render(request, "timeline/_proposition_created.html", context)
    if request.htmx:
        context = {"proposition_form": form, "in_panel": True, "story": story}
        response = render(request, "timeline/claim_form.html#proposition-box", context)
        return reswap(retarget(response, "#new-proposition-box"), "outerHTML")
    if proposition is not None:
        messages.success(
            request,
            gettext("Proposition added: %(proposition)s. It is picked for the claim.")
            % {"proposition": proposition},
        )
    return _form_response(
        request,
        claim_form,
        article,
        claim=claim,
        proposition_form=None if proposition is not None else form,
    )
