"""With a bucket configured, uploads live in S3: images and their renditions are in the bucket,
documents are still served by our own view so private collections stay private, and no upload
replaces another. Runs against a moto S3 server over real HTTP."""

import io
import urllib.request
import uuid
from urllib.parse import urlsplit

import boto3
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from cms.settings.base import s3_media_origin, s3_media_storage
from home.roles import MODERATORS
from tests.conftest import page_in
from tests.test_uploads import GENUINE, admin_upload, image_bytes

pytestmark = pytest.mark.django_db

S3_ACCOUNT = {"region_name": "eu-central-1", "access_key": "test", "secret_key": "test"}


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh bucket per test, made the default storage the way production settings do it."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    bucket = boto3.resource(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_ACCOUNT["region_name"],
        aws_access_key_id=S3_ACCOUNT["access_key"],
        aws_secret_access_key=S3_ACCOUNT["secret_key"],
    ).Bucket(name)
    bucket.create(CreateBucketConfiguration={"LocationConstraint": S3_ACCOUNT["region_name"]})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_media_storage(name, endpoint_url=s3_endpoint, **S3_ACCOUNT),
    }
    return bucket


def stored(bucket, key):
    return bucket.Object(key).get()["Body"].read()


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_image_uploaded_in_the_admin_lands_in_the_bucket(moderator_client, bucket):
    photo = image_bytes(size=(1200, 800), image_format="JPEG")
    response = admin_upload(moderator_client, "images", "kickoff-workshop.jpg", photo)
    assert response.status_code == 302
    image = Image.objects.get(title="kickoff-workshop.jpg")
    assert image.file.name == "original_images/kickoff-workshop.jpg"
    assert stored(bucket, image.file.name) == photo


def test_event_page_shows_a_rendition_stored_in_the_bucket(
    client, moderator_client, bucket, s3_endpoint
):
    photo = image_bytes(size=(1200, 800), image_format="JPEG")
    admin_upload(moderator_client, "images", "konferenz.jpg", photo)
    event = page_in("de", "regionalkonferenz-guetersloh-2023")
    event.image = Image.objects.get(title="konferenz.jpg")
    event.image_alt = "Publikum im Saal der Regionalkonferenz"
    event.save_revision().publish()

    html = BeautifulSoup(client.get(event.url).content, "html.parser")
    src = html.find("img", alt="Publikum im Saal der Regionalkonferenz")["src"]
    key = urlsplit(src).path.removeprefix(f"/{bucket.name}/")
    assert event.image.renditions.filter(file=key).exists()
    assert PILImage.open(io.BytesIO(stored(bucket, key))).size == (960, 640)
    # A visitor's browser may fetch the signed URL, from the origin the CSP allows for media.
    assert src.startswith(s3_media_origin(bucket.name, s3_endpoint) + "/")
    with urllib.request.urlopen(src) as answer:
        assert answer.read() == stored(bucket, key)


@pytest.fixture
def moderators_only(moderator_client):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=MODERATORS))
    return collection


def test_document_in_a_private_collection_is_served_only_to_permitted_users(
    client, moderator_client, editor, bucket, moderators_only
):
    response = admin_upload(
        moderator_client, "docs", "protokoll.pdf", GENUINE["pdf"], collection=moderators_only
    )
    assert response.status_code == 302
    document = Document.objects.get(title="protokoll.pdf")
    assert stored(bucket, document.file.name) == GENUINE["pdf"]
    assert document.url == f"/documents/{document.pk}/protokoll.pdf"

    served = moderator_client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == GENUINE["pdf"]
    assert served["Content-Disposition"].startswith("attachment;")

    client.logout()
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302
    login = urlsplit(anonymous["Location"])
    assert login.path == "/de/_util/login/"
    assert client.get(anonymous["Location"]).status_code == 200

    client.force_login(editor)
    refused = client.get(document.url)
    assert urlsplit(refused["Location"]).path == "/de/_util/login/"


@pytest.mark.parametrize(
    ("kind", "name", "first", "second"),
    [
        ("images", "foto.png", image_bytes(colour="teal"), image_bytes(colour="orange")),
        ("docs", "programm.pdf", GENUINE["pdf"], GENUINE["pdf"].replace(b"1.7", b"1.4")),
    ],
    ids=["image", "document"],
)
def test_a_second_upload_of_the_same_name_keeps_the_first(
    moderator_client, bucket, kind, name, first, second
):
    for content in (first, second):
        assert admin_upload(moderator_client, kind, name, content).status_code == 302
    model = Image if kind == "images" else Document
    older, newer = model.objects.filter(title=name).order_by("pk")
    assert older.file.name != newer.file.name
    assert stored(bucket, older.file.name) == first
    assert stored(bucket, newer.file.name) == second


def test_health_check_reaches_the_bucket(client, bucket):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert set(response.json().values()) == {"OK"}
