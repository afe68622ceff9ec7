from functools import cached_property

from django.utils.translation import gettext as _


class IgnoredFiltersMixin:
    """For admin reports whose filters arrive in shared URLs: a value that cannot be used is
    left out and named in a message, never an error page."""

    @cached_property
    def filter_errors(self):
        if self.filters is None or self.filters.is_valid():
            return []
        form = self.filters.form
        return [
            _("The filter “%(filter)s” was ignored: %(error)s")
            % {"filter": form[name].label, "error": " ".join(errors)}
            for name, errors in form.errors.items()
        ]
