"""Downloading a package from an Argos package index, against a local index server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from l10n.errors import EngineError
from l10n.models import download_package

PACKAGE = b"PK\x03\x04 a package's bytes"


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A package index on 127.0.0.1 offering de->zh; ``short`` bytes of the package go missing."""
    state = {"short": 0, "root": tmp_path}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            url = f"http://127.0.0.1:{self.server.server_address[1]}"
            listing = [{"from_code": "de", "to_code": "zh", "package_version": "1.0", "links": [url + "/pkg"]}]
            data = json.dumps(listing).encode() if self.path.endswith("index.json") else PACKAGE
            self.send_response(200)  # a server that dies mid-download announced more than it sends
            self.send_header("Content-Length", str(len(data) + state["short"] * self.path.endswith("/pkg")))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{server.server_address[1]}/")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    yield state
    server.shutdown()
    server.server_close()


def test_a_package_is_downloaded_whole(index: dict) -> None:
    path = download_package("de", "zh", timeout=5)
    assert path.read_bytes() == PACKAGE and path.is_relative_to(index["root"])


def test_a_download_that_breaks_off_is_one_line_and_leaves_no_file(index: dict) -> None:
    index["short"] = 1000
    with pytest.raises(EngineError, match="download of the de→zh package broke off") as err:
        download_package("de", "zh", timeout=5)
    assert "\n" not in str(err.value)
    assert not list(index["root"].rglob("*.argosmodel"))  # the partial file is gone
