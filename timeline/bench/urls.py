"""The project's addresses, and the bare page the story page is measured against."""

from django.urls import include, path

from timeline.bench.fortunes import fortunes

urlpatterns = [
    path("bench/fortunes/", fortunes, name="bench-fortunes"),
    path("", include("config.urls")),
]
handler500 = "config.middleware.server_error"
