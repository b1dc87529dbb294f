from timeline.roles import is_editor


def roles(request):
    return {"is_editor": is_editor(request.user) if hasattr(request, "user") else False}
