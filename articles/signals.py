from django.dispatch import Signal

# Sent by the loader, inside its transaction, when an article's body changed: claims
# anchored in the old text must find their place in the new one (see timeline.anchoring).
article_text_changed = Signal()  # sender=Article, article=<Article>

# Sent by the admin, inside its transaction, when an editor changed an article's date or its
# precision: what was dated from the old date (claims) may follow the new one. `previous`
# holds the old published_on, published_precision and published_evidence; `user` made the
# change. A receiver may return a sentence for the editor (what it did), or None.
article_date_changed = Signal()  # sender=Article, article=<Article>, previous=<dict>, user=<User>
