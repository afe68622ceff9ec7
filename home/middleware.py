import re

from django.views.defaults import bad_request

DIGITS = re.compile(r"[0-9]+")


class MalformedContentLengthMiddleware:
    """A Content-Length that is not a number is a 400, not the 500 Django 5.2 answers when a
    form reads the body (Django ticket #37103). gunicorn refuses such requests already; other
    servers in front may not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH")
        if length and not DIGITS.fullmatch(length):
            return bad_request(request, exception=None)
        return self.get_response(request)
