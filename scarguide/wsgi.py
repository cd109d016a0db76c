import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scarguide.settings")

# Management commands may run without a secret key; serving the site may not.
if not (os.environ.get("DJANGO_SECRET_KEY") or settings.DEBUG):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")

application = get_wsgi_application()
