from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists only the default locale's tree; this one lists every locale."""

    def items(self):
        root = self.get_wagtail_site().root_page
        locale_roots = Page.objects.filter(translation_key=root.translation_key)
        tree = Page.objects.none()
        for locale_root in locale_roots:
            tree |= Page.objects.descendant_of(locale_root, inclusive=True)
        return tree.live().public().order_by("path").defer_streamfields().specific()
