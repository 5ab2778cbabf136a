"""Rate limits of the forms that send mail or create records (django-ratelimit): per address for anonymous
visitors, per account once signed in. Over the limit, a French 429 page (contratville.views.trop_de_requetes)."""

from django_ratelimit.decorators import ratelimit

par_adresse = ratelimit(key="ip", rate="10/h", method="POST", block=True)
reinitialisation = ratelimit(key="ip", rate="5/h", method="POST", block=True)
par_compte = ratelimit(key="user_or_ip", rate="30/h", method="POST", block=True)
