"""The personal link in every registration mail: signed, so it cannot be guessed or altered."""

from django.core import signing

SALT = "conferences.registration.manage"


def manage_token(registration):
    return signing.Signer(salt=SALT).sign(registration.uuid.hex)


def registration_for_token(token):
    """The registration the link belongs to, or None if the link is forged or damaged."""
    from .models import Registration

    try:
        uuid_hex = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(uuid=uuid_hex).select_related("page").first()
