from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TimelineConfig(AppConfig):
    name = "timeline"

    def ready(self):
        from articles.signals import article_date_changed, article_text_changed
        from timeline import anchoring, redating, roles

        post_migrate.connect(roles.ensure_editors_group, sender=self)
        article_text_changed.connect(anchoring.reanchor_article_claims)
        article_date_changed.connect(redating.on_article_date_changed)
