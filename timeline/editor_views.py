# Claim pages and the editor's writes. (Being written: issue 3.)
from django.http import HttpResponse


def claim_detail(request, pk):
    return HttpResponse("")


claim_history = claim_edit = claim_delete = claim_restore = claim_detail


def actor_search(request):
    return HttpResponse("")


claim_create = actor_create = actor_search
