from django.urls import path

from datadam.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup_view, name="signup"),
    path("password/", views.password_change_view, name="password"),
    path("erase/", views.erase_view, name="erase"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("organizations/<int:organization_id>/", views.organization_settings_view, name="organization_settings"),
]
