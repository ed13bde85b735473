"""Where uploads are kept: on this machine's disk (``TidyFileSystemStorage``), or in a
private bucket of any S3-compatible service (AWS S3, MinIO, Ceph...), through
django-storages. Settings choose the bucket when AWS_STORAGE_BUCKET_NAME is set
(docs/deployment.md)."""

import errno
import os
import threading

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from rapport.core.refusals import Refused

DISK_FULL = (
    "We couldn't keep your file: the server has no room for it just now. Nothing was "
    "saved. Try again later, and tell the people who run Rapport here if it goes on."
)
NOT_STORED = "We couldn't keep your file just now. Nothing was saved. Try again in a minute."


class TidyFileSystemStorage(FileSystemStorage):
    """Django's file system storage, except that a file it fails to write (the disk full, a
    write error) is not left behind half written, and the failure is a refusal the person
    is shown, like any other reason an upload can't be kept; the service's transaction,
    rolled back by it, leaves no row either."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError as error:
            # The name was free when asked for (get_available_name), so what is there now
            # is this write's own beginning.
            path = self.path(name)
            if os.path.isfile(path):
                os.remove(path)
            disk_full = error.errno in (errno.ENOSPC, errno.EDQUOT)
            raise Refused(
                DISK_FULL if disk_full else NOT_STORED,
                code="storage_full" if disk_full else "storage_failed",
            ) from error


# Taken while the process's one signing client is made (PrivateS3Storage._signing_client).
_SIGNER_MADE = threading.Lock()


class PrivateS3Storage(S3Storage):
    """Files in a bucket nobody can read without a link this site signed. The web servers
    may reach the service at one address (``endpoint_url``, e.g. ``http://minio:9000`` on
    a private network) while browsers reach it at another (``public_endpoint_url``, e.g.
    ``https://media.school.example``): links are then signed for the public one.

    Signing is a computation, no request is sent, and one client signs for every thread of
    the process (boto3's clients may be shared): django-storages makes a client per thread,
    and a web process that runs each request on a thread of its own then spent a third of a
    second making one for each link."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "public_endpoint_url": None}

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_signer", None)
        return state

    def url(self, name, parameters=None, expire=None, http_method=None):
        params = {
            **(parameters or {}),
            "Bucket": self.bucket_name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self._signing_client().generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )

    def _signing_client(self):
        client = self.__dict__.get("_signer")
        if client is None:
            with _SIGNER_MADE:
                client = self.__dict__.get("_signer")
                if client is None:
                    client = self._create_session().client(
                        "s3",
                        region_name=self.region_name,
                        endpoint_url=self.public_endpoint_url or self.endpoint_url,
                        config=self.client_config,
                        use_ssl=self.use_ssl,
                        verify=self.verify,
                    )
                    self._signer = client
        return client
