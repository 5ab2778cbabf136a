"""The site's Content-Security-Policy (django-csp), with one exception for the Django admin's own widgets."""

from csp.middleware import CSPMiddleware


class PolitiqueDeSecuriteMiddleware(CSPMiddleware):
    """No inline script anywhere, no inline style outside the admin. The admin's calendar and related-object
    widgets (Django's own JavaScript) set `style` attributes, which a strict style-src refuses; styles cannot
    run code, so the admin alone accepts them — scripts stay strict there too."""

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return super().process_response(request, response)
