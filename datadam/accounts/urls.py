from django.contrib.auth import views as auth_views
from django.urls import path

from datadam.accounts import account_views, views

app_name = "accounts"
urlpatterns = [
    path("me/", account_views.account_page, name="me"),
    path("me/payout/", account_views.payout_save, name="payout"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup_view, name="signup"),
    path("password/", views.password_change_view, name="password"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("erase/", views.erase_view, name="erase"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("organizations/<int:organization_id>/", views.organization_settings_view, name="organization_settings"),
]
