"""The libretranslate engine's client side, against a scripted HTTP server on 127.0.0.1.

The server here answers what each test scripts (an error, a slow answer, a wrong count), so the
client's batching, retries and one-line errors are tested exactly. The real LibreTranslate
server is driven in ``test_libretranslate_server.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from l10n.engines.libretranslate import LibreTranslateEngine
from l10n.errors import EngineError

LANGUAGES = [
    {"code": "de", "name": "German", "targets": ["de", "en", "zh-Hans"]},
    {"code": "en", "name": "English", "targets": ["en", "zh-Hans"]},
    {"code": "zh-Hans", "name": "Chinese", "targets": ["zh-Hans"]},
]


CUT = "cut"  # a scripted answer that breaks off after its headers and part of its body


class Scripted:
    """A server whose next answers to POST /translate are scripted: (status, body, delay)."""

    def __init__(self) -> None:
        self.answers: list[tuple[int, object, float]] = []
        self.requests: list[dict] = []
        script = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send(200, LANGUAGES)

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                script.requests.append(body)
                status, answer, delay = script.answers.pop(0) if script.answers else (200, None, 0.0)
                time.sleep(delay)
                if answer is None:  # echo: upper-case every sentence, as a stand-in for a model
                    answer = {"translatedText": [f"{body['target']}:{q.upper()}" for q in body["q"]]}
                self._send(status, answer, cut=answer == CUT)

            def _send(self, status: int, answer: object, cut: bool = False) -> None:
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    # A server killed mid-answer: it promised more bytes than it sent.
                    self.send_header("Content-Length", str(len(data) + 56 * cut))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def engine(self, **kwargs: object) -> LibreTranslateEngine:
        return LibreTranslateEngine(self.url, pause=0.0, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def server():
    scripted = Scripted()
    yield scripted
    scripted.server.shutdown()
    scripted.server.server_close()


def test_sentences_go_in_batches_with_q_as_a_list_and_come_back_in_order(server: Scripted) -> None:
    texts = [f"Satz {i}." for i in range(40)]
    out = server.engine(batch_size=16).translate(texts, "de", "en")
    assert [t.text for t in out] == [f"en:SATZ {i}." for i in range(40)]
    assert [len(r["q"]) for r in server.requests] == [16, 16, 8]
    assert all(r["source"] == "de" and r["format"] == "text" and "api_key" not in r for r in server.requests)


def test_chinese_is_asked_for_in_the_servers_own_code(server: Scripted) -> None:
    engine = server.engine()
    assert engine.supports("de", "zh") and engine.supports("en", "zh") and not engine.supports("zh", "de")
    assert engine.translate(["Hallo."], "de", "zh")[0].text == "zh-Hans:HALLO."


def test_a_server_error_is_tried_again(server: Scripted) -> None:
    server.answers = [(500, {"error": "boom"}, 0.0), (503, {}, 0.0)]
    assert server.engine().translate(["Eins."], "de", "en")[0].text == "en:EINS."
    assert len(server.requests) == 3


def test_three_server_errors_are_one_line_naming_the_server(server: Scripted) -> None:
    server.answers = [(500, {"error": "boom"}, 0.0)] * 3
    with pytest.raises(EngineError) as err:
        server.engine().translate(["Eins."], "de", "en")
    host = server.url.removeprefix("http://")
    assert str(err.value) == (f"the LibreTranslate server at {host} failed 3 times (HTTP 500) "
                              "(is it running? What was finished is saved; run the command again when the server is back)")


def test_an_answer_that_breaks_off_is_tried_again_then_one_line(server: Scripted) -> None:
    server.answers = [(200, CUT, 0.0)]
    assert server.engine().translate(["Eins."], "de", "en")[0].text == "en:EINS."
    server.answers = [(200, CUT, 0.0)] * 3
    with pytest.raises(EngineError) as err:
        server.engine().translate(["Eins."], "de", "en")
    assert "failed 3 times (the answer broke off)" in str(err.value) and "\n" not in str(err.value)


def test_a_bad_key_is_one_line_at_once_with_the_servers_words(server: Scripted) -> None:
    server.answers = [(403, {"error": "Invalid API key"}, 0.0)]
    with pytest.raises(EngineError) as err:
        server.engine(api_key="wrong").translate(["Eins."], "de", "en")
    assert "refused the API key: Invalid API key" in str(err.value) and "LIBRETRANSLATE_API_KEY" in str(err.value)
    assert len(server.requests) == 1 and server.requests[0]["api_key"] == "wrong"


def test_a_pair_the_server_does_not_serve_is_one_line(server: Scripted) -> None:
    with pytest.raises(EngineError) as err:
        server.engine().translate(["Hallo."], "zh", "de")
    assert "does not translate zh→de" in str(err.value)
    assert server.requests == []


def test_a_silent_server_does_not_hang(server: Scripted) -> None:
    server.answers = [(200, None, 3.0)] * 3
    started = time.monotonic()
    with pytest.raises(EngineError) as err:
        server.engine(timeout=0.3).translate(["Eins."], "de", "en")
    assert "failed 3 times (no answer in time)" in str(err.value)
    assert time.monotonic() - started < 3.0


def test_a_server_that_is_gone_is_one_line() -> None:
    scripted = Scripted()
    scripted.server.shutdown()
    scripted.server.server_close()
    with pytest.raises(EngineError) as err:
        scripted.engine().translate(["Eins."], "de", "en")
    assert "failed 3 times" in str(err.value) and "Connection refused" in str(err.value)


def test_a_wrong_number_of_answers_is_an_error_not_a_shifted_catalog(server: Scripted) -> None:
    server.answers = [(200, {"translatedText": ["nur eins"]}, 0.0)]
    with pytest.raises(EngineError) as err:
        server.engine().translate(["Eins.", "Zwei."], "de", "en")
    assert "unexpected answer to /translate" in str(err.value)


def test_provenance_names_the_server_but_never_its_credentials() -> None:
    engine = LibreTranslateEngine("https://user:secret@mt.example.org:5000/")
    assert engine.model_id("de", "en") == "libretranslate@mt.example.org:5000"


@pytest.mark.parametrize(("toml", "message"), [
    ('engine = "libretranslate"', "error: the libretranslate engine needs the server's address"),
    ('engine = "libretranslate"\nurl = "mt.example.org"', "error: {config}:{line}: [translate] url: 'mt.example.org' is not an http(s) address"),
    ('engine = "libretranslate"\nurl = "http://127.0.0.1:9"\ntimeout = 0', "error: {config}:{line}: [translate] timeout: must be at least 1, not 0"),
])
def test_configuration_mistakes_are_one_line(empty_project: Path, toml: str, message: str) -> None:
    config = empty_project / "l10n.toml"
    text = config.read_text(encoding="utf-8").replace('engine = "argos"', toml)
    config.write_text(text, encoding="utf-8")
    last_key = toml.splitlines()[-1].split(" =")[0]
    line = 1 + next(n for n, row in enumerate(text.splitlines()) if row.startswith(f"{last_key} ="))
    proc = subprocess.run([sys.executable, "-m", "l10n", "translate", "-C", str(empty_project)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith(message.format(config=config, line=line)) and proc.stderr.count("\n") == 1, proc.stderr
