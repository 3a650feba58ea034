"""The consent gallery: who may stay visible, on what evidence, for which purposes.

It holds three things and nothing else:

* **people**: a unique name and an optional reference id (the agency's client
  number, say);
* **consent records**: the evidence (the signed form's file name or document
  number), the date consent was given, the purposes it covers, an optional
  expiry date, a withdrawal date once withdrawn, and the basis: ``consent``
  (the person's own written consent; for a child, that of a person with
  parental responsibility) or ``best-interests`` (an adult who lacks capacity:
  a relative's signature is *not* consent, so a best-interests decision is
  recorded with the reference of its assessment, which is then required);
* **face encodings**: several 128-d vectors per person, with the photo's file
  name and SHA-256 so an auditor can tell which photo was used. Never the
  photos themselves.

Two stores behind one interface (``consent/store.py``): a SQLite file, the
embedded default (``consent/sqlite.py``), and a PostgreSQL database shared by
several sites (``consent/postgres.py``). ``Gallery.open(location)`` picks the
store from the location: a ``postgresql://`` URL or a file path.

Export: ``export`` returns everything held about one person, encodings
included as numbers, because a subject-access request entitles them to a copy
of their biometric data too. The export is as sensitive as the gallery.

This module gathers the public names in one place (``from
mediascrub.consent.gallery import Gallery, ...``).
"""

from __future__ import annotations

from .sqlite import APPLICATION_ID, SQLITE_HEADER, SqliteGallery, network_filesystem
from .store import (
    EXPORT_FORMAT,
    GALLERY_ENV,
    GALLERY_FILENAME,
    SCHEMA_VERSION,
    Basis,
    ConsentRecord,
    EncodingSource,
    Gallery,
    GalleryIndex,
    GalleryLocation,
    NewConsent,
    Person,
    default_gallery_path,
    gallery_exists,
    is_database_url,
    normalise_purpose,
    resolve_gallery,
    resolve_gallery_path,
    validate_consent,
    validate_name,
)

__all__ = [
    "APPLICATION_ID",
    "SQLITE_HEADER",
    "EXPORT_FORMAT",
    "GALLERY_ENV",
    "GALLERY_FILENAME",
    "SCHEMA_VERSION",
    "Basis",
    "ConsentRecord",
    "NewConsent",
    "Person",
    "EncodingSource",
    "GalleryIndex",
    "Gallery",
    "GalleryLocation",
    "SqliteGallery",
    "default_gallery_path",
    "gallery_exists",
    "is_database_url",
    "network_filesystem",
    "resolve_gallery",
    "resolve_gallery_path",
    "validate_name",
    "normalise_purpose",
    "validate_consent",
]
