"""What crosses the wire: every answer of the page and the API compressed for a browser that accepts it, and
tagged with a hash of what it holds, so that asking again for what the browser has costs a 304 with no body."""

from __future__ import annotations

import gzip

import brotli
import pytest
from backports import zstd
from flask import g
from flask.testing import FlaskClient

from webmap.caching import _CompressedBodies

PATHS = [
    "/",
    "/map.js",
    "/data/events.json",
    "/assets/leaflet/leaflet.js",
    "/api/layers",
    "/api/layers/events?date=2020-03-20",
    "/api/timeline",
    "/api/diff?from=2020-01-01&to=2020-03-20",
]
#: Too small to gain from compression (under flask-compress's 500 bytes): sent as it is, tagged all the same.
SMALL = ["/api/build"]
DECODE = {"zstd": zstd.decompress, "br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize("path", PATHS + SMALL)
def test_asking_again_with_the_etag_is_answered_304(client: FlaskClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


@pytest.mark.parametrize("encoding", DECODE)
@pytest.mark.parametrize("path", PATHS)
def test_answers_are_compressed_as_the_browser_accepts(client: FlaskClient, path: str, encoding: str) -> None:
    plain = client.get(path).data
    packed = client.get(path, headers={"Accept-Encoding": encoding})
    assert packed.headers["Content-Encoding"] == encoding
    assert DECODE[encoding](packed.data) == plain
    assert len(packed.data) < len(plain)
    assert (
        client.get(path, headers={"Accept-Encoding": encoding, "If-None-Match": packed.headers["ETag"]}).status_code
        == 304
    )


def test_a_small_answer_is_sent_as_it_is(client: FlaskClient) -> None:
    assert "Content-Encoding" not in client.get(SMALL[0], headers={"Accept-Encoding": "gzip"}).headers


def test_the_page_and_its_data_are_asked_for_every_time_the_assets_kept_an_hour(client: FlaskClient) -> None:
    for path in ("/", "/map.js", "/data/events.json", "/api/build"):
        assert client.get(path).headers["Cache-Control"] == "no-cache", path
    assert client.get("/assets/leaflet/leaflet.js").headers["Cache-Control"] == "max-age=3600"


def test_a_new_date_is_another_etag(client: FlaskClient) -> None:
    tags = {client.get(f"/api/layers/events?date={day}").headers["ETag"] for day in ("2020-03-20", "2020-03-21")}
    assert len(tags) == 2


def test_compressed_bodies_are_kept_up_to_a_size(app) -> None:
    with app.test_request_context():
        g.idlibmap_etag = "x"
        kept = _CompressedBodies(limit=10)
        kept.set("a", b"123456")
        kept.set("b", b"123456")
        assert kept.get("a") is None, "the least recently used is dropped"
        assert kept.get("b") == b"123456"
        del g.idlibmap_etag
        kept.set("c", b"1")
        assert kept.get("c") is None, "an untagged answer is not kept"
