"""Files of porteurs (statuts, RIB, attachments, récépissés) live outside MEDIA_ROOT and have no public URL:
they are served by views that check who asks (projets/views/fichiers.py)."""

import os
import pathlib
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Reads PRIVATE_MEDIA_ROOT on each use (tests override it) and has no URL: `.url()` raises."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def random_name(folder: str, filename: str) -> str:
    """Never trust the uploaded name on disk: a random one, keeping only a short lowercase extension."""
    suffix = pathlib.Path(filename).suffix.lower()
    suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
    return f"{folder}/{uuid.uuid4().hex}{suffix}"
