"""Editors add articles in the browser: paste one or upload files, see what the loader
makes of each before anything is stored, correct it, save.

Nothing here reads a text itself: the preview is the loader's dry run and the save its real
run (articles.loader.load_data, as `load_articles` does for a file), so the page shows the
command's report lines and a file that fails writes nothing.
"""

from base64 import b64encode
from functools import wraps
from pathlib import Path, PurePath

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from articles.forms import PasteForm, UploadedArticleFormSet, UploadForm
from articles.ingest import ArticleError
from articles.loader import (
    FAILED,
    UNCHANGED,
    FileResult,
    browser_source,
    load_data,
    read_at_most,
    report_line,
)

ADD_ARTICLE = "articles.add_article"
PASTED = Path("pasted text")  # the name a pasted article's report line shows (and it keeps)
UPLOAD_SUFFIXES = {".txt", ".html", ".htm"}
FORMSET_PREFIX = "file"


def adder_required(view):
    """Anonymous users go to the login page; whoever may not add articles gets 403."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(ADD_ARTICLE):
            raise PermissionDenied("Only editors can add articles.")
        return view(request, *args, **kwargs)

    return guarded


def _add_page(request, *, paste=None, upload=None, status=200):
    context = {"paste": paste or PasteForm(), "upload": upload or UploadForm()}
    return render(request, "articles/add.html", context, status=status)


@adder_required
@require_http_methods(["GET", "POST"])
def add_article(request):
    """GET: the paste and upload forms. POST: a pasted article, previewed (step=preview)
    or saved (step=save) with the editor's corrections."""
    if request.method == "GET":
        return _add_page(request)
    form = PasteForm(request.POST)
    if not form.is_valid():
        return _add_page(request, paste=form, status=400)
    data, corrections = form.data_bytes(), form.corrections()
    source = browser_source(data, PASTED.name, corrections.url)
    if request.POST.get("step") == "save":
        result = load_data(data, path=PASTED, source=source, corrections=corrections)
        if result.status != FAILED:
            messages.success(request, report_line(result))
            return redirect(result.article)
        # Refused at the save (a text the preview took cannot be, unless something changed
        # meanwhile): say why, store nothing, keep what the editor typed.
    else:
        result = load_data(data, path=PASTED, source=source, dry_run=True)
    if result.status not in (FAILED, UNCHANGED):
        # The form the editor corrects starts from what the loader read.
        inferred = result.article
        values = request.POST.copy()
        values["title"] = values.get("title") or inferred.title
        values["outlet"] = values.get("outlet") or (inferred.outlet.name if inferred.outlet else "")
        form = PasteForm(values)
        form.is_valid()
    return render(
        request,
        "articles/add_preview.html",
        {"form": form, "result": result, "line": report_line(result)},
        status=400 if result.status == FAILED else 200,
    )


@adder_required
@require_POST
def upload_articles(request):
    """Uploaded files: each previewed with its report line (step=preview), then those the
    editor keeps saved with their corrections (step=save), each on its own."""
    if request.POST.get("step") == "save":
        return _save_uploads(request)
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _add_page(request, upload=upload, status=400)
    entries, initial = [], []
    for file in upload.cleaned_data["files"]:
        name = PurePath(file.name).name[:200] or "upload"
        result, data = _preview_upload(file, name)
        entries.append({"result": result, "line": report_line(result)})
        if result.status not in (FAILED, UNCHANGED):
            entries[-1]["index"] = len(initial)
            article = result.article
            initial.append(
                {
                    "name": name,
                    "content": b64encode(data).decode("ascii"),
                    "title": article.title,
                    "outlet": article.outlet.name if article.outlet else "",
                }
            )
    formset = UploadedArticleFormSet(initial=initial, prefix=FORMSET_PREFIX)
    for entry in entries:
        if "index" in entry:
            entry["form"] = formset.forms[entry["index"]]
    return render(request, "articles/upload_preview.html", {"entries": entries, "formset": formset})


def _preview_upload(file, name: str) -> tuple[FileResult, bytes]:
    path = Path(name)
    if path.suffix.lower() not in UPLOAD_SUFFIXES:
        return FileResult(path, FAILED, reason=_("not a .txt or .html file")), b""
    try:
        data = read_at_most(file, size=lambda: file.size)
    except ArticleError as error:
        return FileResult(path, FAILED, reason=str(error)), b""
    result = load_data(data, path=path, source=browser_source(data, name), dry_run=True)
    return result, data


def _save_uploads(request):
    formset = UploadedArticleFormSet(request.POST, prefix=FORMSET_PREFIX)
    if not formset.is_valid():
        entries = [{"form": form} for form in formset.forms]
        return render(
            request,
            "articles/upload_preview.html",
            {"entries": entries, "formset": formset},
            status=400,
        )
    saved = []
    for form in formset.forms:
        if form in formset.deleted_forms:
            continue
        data, corrections = form.cleaned_data["content"], form.corrections()
        path = Path(form.cleaned_data["name"])
        source = browser_source(data, path.name, corrections.url)
        result = load_data(data, path=path, source=source, corrections=corrections)
        if result.status == FAILED:
            messages.error(request, report_line(result))
        else:
            messages.success(request, report_line(result))
            saved.append(result.article)
    if len(saved) == 1:
        return redirect(saved[0])
    return redirect("articles:list")
