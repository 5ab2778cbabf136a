from django.urls import path

from projets import views

urlpatterns = [
    path("projets-finances/", views.projets_finances, name="projets_finances"),
    path("espace-porteur/", views.espace_porteur, name="espace_porteur"),
]
