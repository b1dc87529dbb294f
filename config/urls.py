from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.forms import LoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switcher's form posts to set_language (/i18n/setlang/), which remembers
    # the choice in a cookie and goes back to the page.
    path("i18n/", include("django.conf.urls.i18n")),
    path("articles/", include("articles.urls")),
    path("", include("timeline.urls")),
]

# A database that is away answers 503 (config.middleware), also when the error is raised
# outside a view; every other error stays Django's own 500 page.
handler500 = "config.middleware.server_error"
