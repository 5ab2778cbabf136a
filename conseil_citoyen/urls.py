from django.urls import path

from conseil_citoyen import views

urlpatterns = [
    path("conseils-citoyens/<int:pk>/", views.conseil, name="conseil_citoyen"),
    path("conseils-citoyens/<int:pk>/fonds-de-participation/", views.demande_fph, name="demande_fph"),
]
