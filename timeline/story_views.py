"""Editors' pages for stories: a story made and changed (title, dek, sides), its
propositions, the articles it is told by, and its review queue. Plain forms that post and
redirect; the writes are timeline.story_editing's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from articles.formats import format_number
from articles.forms import ArticleSearchForm
from articles.models import Article
from timeline import story_editing
from timeline.claim_views import editor_required
from timeline.models import Claim, ClaimQuerySet, Story
from timeline.story_forms import (
    ArticlesToAddForm,
    MarkReviewedForm,
    PropositionForm,
    StoryForm,
)

ARTICLES_PAGE_SIZE = 100
SEARCH_RESULTS = 50
QUEUE_PAGE_SIZE = 50


def _posted(request):
    return request.POST if request.method == "POST" else None


def _story(slug) -> Story:
    return get_object_or_404(Story, slug=slug)


def _save_form(request, form, save, **kwargs):
    """Save through `save` (a story_editing function) what `form` cleaned; its refusals go
    back to the form. Returns the saved object, or None when the form is to be drawn again."""
    changed, new = form.changed_labels(), form.instance.pk is None
    try:
        saved = save(
            form.instance,
            editor=request.user,
            opened=form.cleaned_data.get("opened", ""),
            changed=changed,
            **kwargs,
        )
    except story_editing.Stale as stale:
        form.add_error(None, stale.message())
        # Drawn again with what was typed and the current time: a second save goes through.
        data = form.data.copy()
        data["opened"] = story_editing.opened_at(stale.current)
        form.data = data
    except ValidationError as error:
        form.add_error(None, error)
    else:
        if new:
            messages.success(request, gettext("Created: %(saved)s.") % {"saved": saved})
        elif changed:
            messages.success(request, gettext("Saved: %(saved)s.") % {"saved": saved})
        else:
            messages.info(request, gettext("Nothing changed."))
        return saved
    return None


@editor_required
@require_http_methods(["GET", "POST"])
def story_create(request):
    form = StoryForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        story = _save_form(request, form, story_editing.story_save)
        if story is not None:
            messages.info(request, gettext("Now add the articles the story is told by."))
            return redirect("timeline:story-articles", story.slug)
    return render(request, "timeline/story_form.html", {"form": form, "story": None})


@editor_required
@require_http_methods(["GET", "POST"])
def story_edit(request, slug):
    story = _story(slug)
    form = StoryForm(_posted(request), instance=story)
    if request.method == "POST" and form.is_valid():
        saved = _save_form(request, form, story_editing.story_save)
        if saved is not None:
            return redirect("timeline:story-edit", saved.slug)
    # The address in the page is the stored one, whatever slug was typed.
    story = Story.objects.get(pk=story.pk) if form.errors else story
    live = Q(claims__deleted_at__isnull=True)
    propositions = story.propositions.annotate(claim_count=Count("claims", filter=live))
    context = {"form": form, "story": story, "propositions": propositions}
    return render(request, "timeline/story_form.html", context)


def _proposition_form(request, story, proposition=None):
    # Before the form is bound: binding sets the instance's slug to what was typed.
    action = (
        reverse("timeline:story-proposition-edit", args=[story.slug, proposition.slug])
        if proposition
        else reverse("timeline:story-proposition-create", args=[story.slug])
    )
    form = PropositionForm(_posted(request), instance=proposition, story=story)
    if request.method == "POST" and form.is_valid():
        saved = _save_form(request, form, story_editing.proposition_save)
        if saved is not None:
            return redirect("timeline:story-edit", story.slug)
    context = {"form": form, "story": story, "proposition": proposition, "action": action}
    return render(request, "timeline/proposition_form.html", context)


@editor_required
@require_http_methods(["GET", "POST"])
def proposition_create(request, slug):
    return _proposition_form(request, _story(slug))


@editor_required
@require_http_methods(["GET", "POST"])
def proposition_edit(request, slug, proposition):
    story = _story(slug)
    return _proposition_form(
        request, story, get_object_or_404(story.propositions, slug=proposition)
    )


def _articles_url(story, query="") -> str:
    url = reverse("timeline:story-articles", args=[story.slug])
    return f"{url}?{urlencode({'q': query})}" if query else url


@editor_required
@require_http_methods(["GET", "POST"])
def story_articles(request, slug):
    """The story's articles, each with how many of the story's claims quote it, and a search
    of the other articles to add (GET: the page; POST: add the ticked ones)."""
    story = _story(slug)
    add_form = ArticlesToAddForm(_posted(request))
    if request.method == "POST" and add_form.is_valid():
        added = story_editing.articles_add(
            story, list(add_form.cleaned_data["articles"]), editor=request.user
        )
        if added:
            titles = ", ".join(f"“{a.title}”" for a in added)
            messages.success(
                request, gettext("Added to the story: %(titles)s.") % {"titles": titles}
            )
        else:
            messages.info(request, gettext("Those articles were in the story already."))
        return HttpResponseRedirect(_articles_url(story, add_form.cleaned_data["q"]))
    search = ArticleSearchForm(
        request.GET if request.method == "GET" else {"q": request.POST.get("q", "")}
    )
    query = search.cleaned_data["q"] if search.is_valid() else ""
    results = []
    if query:
        found = Article.objects.with_outlet().defer("raw", "body").search(query)
        results = found.exclude(stories=story)[:SEARCH_RESULTS]
    here = Q(claims__story=story)
    articles = (
        story.articles.with_outlet()
        .defer("raw", "body", "search_vector")
        .annotate(
            claim_count=Count("claims", filter=here & Q(claims__deleted_at__isnull=True)),
        )
        .order_by("published_on", "pk")
    )
    page = Paginator(articles, ARTICLES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "story": story,
        "page": page,
        "search": search,
        "query": query,
        "results": results,
        "add_form": add_form,
    }
    return render(
        request, "timeline/story_articles.html", context, status=400 if add_form.errors else 200
    )


@editor_required
@require_http_methods(["GET", "POST"])
def story_article_remove(request, slug, article):
    story = _story(slug)
    article = get_object_or_404(story.articles.only("pk", "slug", "title"), slug=article)
    if request.method == "POST":
        try:
            story_editing.article_remove(story, article, editor=request.user)
        except story_editing.ArticleInUse as in_use:
            messages.error(request, gettext("Not removed: %(why)s") % {"why": in_use})
        else:
            messages.success(
                request,
                gettext("“%(title)s” is no longer in the story.") % {"title": article.title},
            )
        return redirect("timeline:story-articles", story.slug)
    counts = story_editing.claims_quoting(story, article)
    context = {"story": story, "article": article, "counts": counts}
    return render(request, "timeline/story_article_remove.html", context)


def _queue_page(claims, request, name):
    claims = (
        claims.with_related()
        .select_related("proposition")
        .defer(*ClaimQuerySet.TIMELINE_DEFERRED)
        .chronological()
    )
    return Paginator(claims, QUEUE_PAGE_SIZE).get_page(request.GET.get(name))


@editor_required
@require_http_methods(["GET", "POST"])
def review_queue(request, slug):
    """The story's drafts (to mark reviewed, a page at a time) and its claims on no
    proposition yet (to tag), each with a link to edit it."""
    story = _story(slug)
    form = MarkReviewedForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        review = story_editing.mark_reviewed(
            story, form.cleaned_data["claims"], editor=request.user
        )
        if review.marked:
            n = len(review.marked)
            messages.success(
                request,
                ngettext("Marked %(count)s claim reviewed.", "Marked %(count)s claims reviewed.", n)
                % {"count": format_number(n)},
            )
        for skip in review.skipped:
            params = {"pk": skip.pk, "claim": skip.claim, "why": skip.why}
            if skip.claim:
                said = gettext("Not marked: claim %(pk)s (%(claim)s): %(why)s.") % params
            else:
                said = gettext("Not marked: claim %(pk)s: %(why)s.") % params
            messages.warning(request, said)
        return HttpResponseRedirect(request.get_full_path())
    claims = Claim.objects.alive().filter(story=story)
    context = {
        "story": story,
        "form": form,
        "drafts": _queue_page(claims.filter(status=Claim.Status.DRAFT), request, "drafts"),
        "untagged": _queue_page(claims.filter(proposition__isnull=True), request, "untagged"),
    }
    return render(
        request, "timeline/review_queue.html", context, status=400 if form.errors else 200
    )
