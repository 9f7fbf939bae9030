"""
Uploads in S3-compatible object storage (django-storages), when AWS_STORAGE_BUCKET_NAME is set.

The bucket stays private: nothing in it is readable without the site's key. Readers get an upload
through the site (lemtrada_site.views.media), which checks that a story photo belongs to an approved
story before it streams the object, so `url()` gives the site's own /media/ address, never a
bucket address or a signed one. That address is the same for every reader and never expires, so
pages that show a photo stay cacheable, and a withdrawn photo is gone at the next request.
"""

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from storages.backends.s3 import S3Storage

# What storing or reading an upload raises when the storage is down or refuses: a full or read-only disk
# (OSError), or an object store that can't be reached, times out or answers with an error (botocore).
UPLOAD_ERRORS = (OSError, BotoCoreError, ClientError)


class PrivateS3Storage(S3Storage):
    default_acl = None
    file_overwrite = False  # random names already; never replace an object that exists
    querystring_auth = True

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{name}"
