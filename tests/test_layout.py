"""Which way the imports run (issue 10, item 1). Read from the source with `ast`, never by
importing it, so that a new import anywhere is seen whether or not a test happens to load it.

The allowed arrows between the project's packages:

    timeline -> articles   the timeline is built on the articles (its claims quote them)
    config   -> articles, timeline
                           the project wires the apps together; today config/urls.py does it by
                           include("...urls") strings and settings.ABSOLUTE_URL_OVERRIDES by a
                           URL name, so no config module imports an app yet, but it may
    articles, timeline -> config
                           the admin site they register on (config.admin), and plain helpers

and never articles -> timeline: like django.contrib.sites, the base app imports nothing of the
apps built on it. It tells them what happened through its signals (articles/signals.py), and
its templates neither load timeline's tag libraries nor include timeline's templates nor name its
URLs; the article page, the one page showing both, is the timeline's (timeline/article_views.py).

Within the project the module graph has no circle. Every import counts, at the top of a module
or inside a function, except those in an AppConfig.ready(): Django runs ready() once all apps
are loaded, and connecting signal receivers is what it is for (timeline/apps.py does so; no
module imports an apps.py, so counting ready() too would find no circle today either).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("articles", "timeline", "config")
ALLOWED = {
    ("timeline", "articles"),
    ("config", "articles"),
    ("config", "timeline"),
    ("articles", "config"),
    ("timeline", "config"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for package in PACKAGES
    for path in sorted((ROOT / package).rglob("*.py"))
    if ".venv" not in path.parts
}


def _in_ready(tree: ast.Module) -> set[int]:
    """The ids of the statements inside an AppConfig.ready()."""
    skipped = set()
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and any(
            getattr(base, "id", getattr(base, "attr", "")) == "AppConfig" for base in cls.bases
        ):
            for item in cls.body:
                if isinstance(item, ast.FunctionDef) and item.name == "ready":
                    skipped.update(id(node) for node in ast.walk(item))
    return skipped


def _project_module(name: str) -> str | None:
    """The project module `name` reads: itself, or the nearest package it lives in."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports(module: str) -> set[str]:
    """The project modules that `module` imports."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(), str(path))
    skipped = _in_ready(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from timeline import highlight` reads the module timeline.highlight.
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
        else:
            continue
        found.update(filter(None, map(_project_module, names)))
    found.discard(module)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def test_the_layout_is_read():
    # What this file reads is what is there: the modules the rest of the tests rely on.
    assert {"articles.models", "timeline.article_views", "config.urls"} <= GRAPH.keys()
    assert "articles.models" in GRAPH["timeline.article_views"]
    assert "timeline.article_page" in GRAPH["timeline.article_views"]


def test_imports_between_the_packages_run_only_the_allowed_ways():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if (head := module.split(".")[0]) != (other := target.split(".")[0])
        and (head, other) not in ALLOWED
    )
    assert wrong == []


def test_nothing_in_articles_names_timeline():
    """Not by import (above) and not by a string either: no timeline URL name or template."""
    named = sorted(
        f"{module}: {node.value!r}"
        for module, path in MODULES.items()
        if module.split(".")[0] == "articles"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.match(r"timeline[:/.]", node.value)
    )
    assert named == []


def test_the_project_modules_import_each_other_in_no_circle():
    # Depth-first search; a module met again while still on the path closes a circle.
    circles, done = [], set()

    def visit(module, path):
        if module in path:
            circles.append(" -> ".join([*path[path.index(module) :], module]))
            return
        if module in done:
            return
        for target in sorted(GRAPH[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])
    assert circles == []


TIMELINE_LIBRARIES = {path.stem for path in (ROOT / "timeline/templatetags").glob("[!_]*.py")}
ARTICLE_TEMPLATES = sorted((ROOT / "templates/articles").rglob("*.html"))
TAG = re.compile(r"{%\s*(load|include|extends|url)\s+(.*?)\s*%}", re.S)


@pytest.mark.parametrize("template", ARTICLE_TEMPLATES, ids=lambda path: path.name)
def test_the_articles_templates_use_nothing_of_timeline(template):
    wrong = []
    for tag, arguments in TAG.findall(template.read_text()):
        first = arguments.split()[0].strip("'\"")
        if tag == "load":
            # `{% load a b %}` or `{% load name from library %}`
            words = arguments.split()
            libraries = words[words.index("from") + 1 :] if "from" in words else words
            wrong += [f"loads {lib}" for lib in libraries if lib in TIMELINE_LIBRARIES]
        elif tag in ("include", "extends") and not (
            first == "base.html" or first.startswith("articles/")
        ):
            wrong.append(f"{tag}s {first}")
        elif tag == "url" and not first.startswith("articles:"):
            wrong.append(f"links to {first}")
    assert wrong == []


def test_the_articles_templates_are_read():
    assert {path.name for path in ARTICLE_TEMPLATES} >= {"article_list.html", "_date.html"}
    assert "claim_tags" in TIMELINE_LIBRARIES
