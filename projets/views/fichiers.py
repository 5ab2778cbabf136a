"""Uploads and permission-checked downloads of porteurs' files (documents, attachments)."""
