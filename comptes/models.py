from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from simple_history.models import HistoricalRecords


class EmailUserManager(UserManager):
    """Users log in with their e-mail; `username` is kept equal to it for Django's admin and tools."""

    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        return super().create_superuser(email, email, password, **extra_fields)


class User(AbstractUser):
    email = models.EmailField("adresse électronique", unique=True)
    organisation = models.CharField(
        "organisation",
        max_length=200,
        blank=True,
        help_text="Personnel et partenaires : Ville, État, CAF…",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "utilisateur ou utilisatrice"
        verbose_name_plural = "utilisateurs et utilisatrices"

    def save(self, *args, **kwargs):
        self.username = self.email
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.email
