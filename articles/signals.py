from django.dispatch import Signal

# Sent by the loader, inside its transaction, when an article's body changed: claims
# anchored in the old text must find their place in the new one (see timeline.anchoring).
article_text_changed = Signal()  # sender=Article, article=<Article>
