from django.db import models
from django.utils.translation import gettext_lazy as _


class QueryStatistic(models.Model):
    """How often one search term was searched on one day in one language, and how often it
    found nothing. Counts only: nothing about who searched is stored."""

    day = models.DateField(_("day"))
    language_code = models.CharField(_("language"), max_length=100)
    query = models.CharField(_("search term"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    searches_without_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search term statistic")
        verbose_name_plural = _("search term statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language_code", "query"], name="one_statistic_per_term_and_day"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.language_code} {self.query}"
