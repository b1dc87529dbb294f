"""TechEmpower's "Fortunes" test as a Django page: read every row of a small table, add one
at request time, sort them by message, render an escaped HTML table. What a bare
server-rendered Django page costs on this server, through the same middleware: the anchor
of the story page."""

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.views.decorators.http import require_GET

TABLE = "bench_fortune"
MESSAGES = (
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. — Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    "フレームワークのベンチマーク",
)
_PAGE = engines["django"].from_string(
    "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
    "<tr><th>id</th><th>message</th></tr>"
    "{% for id, message in fortunes %}<tr><td>{{ id }}</td><td>{{ message }}</td></tr>"
    "{% endfor %}</table></body></html>"
)


def create_table():
    """The table and its twelve rows, in the benchmark's own database."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, message text NOT NULL)"
        )
        cursor.execute(f"TRUNCATE {TABLE}")
        cursor.executemany(
            f"INSERT INTO {TABLE} (id, message) VALUES (%s, %s)",
            list(enumerate(MESSAGES, start=1)),
        )


@require_GET
def fortunes(request):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, message FROM {TABLE}")
        rows = cursor.fetchall()
    rows.append((0, "Additional fortune added at request time."))
    rows.sort(key=lambda row: row[1])
    return HttpResponse(_PAGE.render({"fortunes": rows}))
