from django.dispatch import receiver
from wagtail.signals import page_published

from .capacity import promote_after_rule_change
from .models import EventPage


@receiver(page_published)
def give_new_seats_to_the_waiting_list(sender, instance, **kwargs):
    """An editor added seats: waiting people move up as soon as the page goes live."""
    if isinstance(instance, EventPage) and instance.registration_enabled:
        promote_after_rule_change(instance.translation_key)
