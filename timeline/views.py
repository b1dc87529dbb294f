# Reader views: the timeline page and the exports. (Being written: issue 4.)
from django.http import HttpResponse


def timeline(request):
    return HttpResponse("timeline")


def export_csv(request):
    return HttpResponse("")


def export_json(request):
    return HttpResponse("")


def export_timelinejs(request):
    return HttpResponse("")
