"""Machine translation: DeepL when `DEEPL_API_KEY` is set, otherwise a marked dummy whose
output nobody can mistake for a translation.

Settings import this module, so it imports no models.
"""

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.dummy import DummyTranslator, translate_html
from wagtail_localize.strings import StringValue

DEEPL_TRANSLATOR = "wagtail_localize.machine_translators.deepl.DeepLTranslator"
DUMMY_TRANSLATOR = "localisation.machine.MarkedDummyTranslator"
# Starts every string the dummy returns, on top of the reversed word order.
DUMMY_MARKER = "[DUMMY] "


class MarkedDummyTranslator(DummyTranslator):
    """Reverses the words of the source text, like wagtail-localize's dummy, and marks them."""

    display_name = _("Test translator (no real translation)")

    def translate(self, source_locale, target_locale, strings):
        return {
            string: StringValue(DUMMY_MARKER + translate_html(string.data)) for string in strings
        }


def machine_translator_setting(deepl_api_key=""):
    """`WAGTAILLOCALIZE_MACHINE_TRANSLATOR` for the key the environment gives, if any.

    wagtail-localize's DeepL translator sends keys of DeepL's free plan (ending in ":fx") to
    api-free.deepl.com and all others to api.deepl.com, so one setting serves both plans.
    """
    deepl_api_key = deepl_api_key.strip()
    if deepl_api_key:
        return {"CLASS": DEEPL_TRANSLATOR, "OPTIONS": {"AUTH_KEY": deepl_api_key}}
    return {"CLASS": DUMMY_TRANSLATOR}
