"""Notifications' parts of other apps' pages (the account page), loaded as template tags so that lower apps
need not import notifications."""

from django import template

from datadam.notifications import forms, services

register = template.Library()


@register.inclusion_tag("notifications/_choices.html", takes_context=True)
def notification_choices(context: template.Context, back: str = "") -> dict:
    """The email choices form, for the person whose page this is."""
    user = context["request"].user
    form = forms.NotificationChoiceForm(initial={"email_kinds": services.email_kinds_of(user)})
    return {"form": form, "back": back, "csrf_token": context.get("csrf_token")}
