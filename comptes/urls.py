"""Sign-up, e-mail confirmation, invitations and the people who act for a porteur, under /compte/."""

urlpatterns = []
