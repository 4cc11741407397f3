"""Form fields every app's forms share."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.core.errors import JsonOutOfBounds
from datadam.core.text import json_problem, load_bounded_json


class JsonField(forms.CharField):
    """A text area holding JSON, read by the one bounded reader.

    Text that is not JSON is refused with its line; JSON too large or nested too deep with the path where
    it passed the limit. `empty` is the value of a blank optional field.
    """

    widget = forms.Textarea(attrs={"rows": 6, "spellcheck": "false"})

    def __init__(self, *, empty: object = None, **kwargs: object) -> None:
        self.empty = empty
        super().__init__(**kwargs)

    def to_python(self, value: object) -> object:
        text = super().to_python(value)
        if not text:
            return self.empty
        try:
            return load_bounded_json(text)
        except JsonOutOfBounds as exc:
            raise forms.ValidationError(exc.message) from None
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Not valid JSON: %(problem)s (line %(line)d)") % {"problem": json_problem(exc), "line": exc.lineno}
            ) from None
