"""The ``libretranslate`` engine: a LibreTranslate server that a team shares.

Configured in ``l10n.toml``::

    [translate]
    engine = "libretranslate"
    url = "http://mt.example.internal:5000"
    api_key = ""        # or the environment variable LIBRETRANSLATE_API_KEY
    timeout = 60        # seconds to wait for one answer
    batch_size = 16     # sentences per request (0: 16)

Sentences go to ``POST /translate`` a batch at a time, ``q`` as a list. A time-out, a refused
connection or a server error (5xx) is tried again (three attempts, waiting 1 s, then 2 s); a
client error (4xx: a bad key, a pair the server does not serve) is one :class:`EngineError`
with the server's own words, at once. Nothing here hangs: every request has a time-out.

Only the server the user configured is ever contacted. The standard library's ``urllib`` is
enough for one JSON POST; no HTTP client is added to l10n's dependencies.
"""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Sequence

from ..errors import EngineError, ModelMissing
from ..languages import facts_of
from . import Progress, Translation, register

if TYPE_CHECKING:
    from ..config import Config

API_KEY_ENV = "LIBRETRANSLATE_API_KEY"
DEFAULT_BATCH = 16
ATTEMPTS = 3


class LibreTranslateEngine:
    """Translates through a LibreTranslate server's HTTP API."""

    name = "libretranslate"

    def __init__(self, url: str, api_key: str = "", timeout: float = 60.0, batch_size: int = 0, *, pause: float = 1.0) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise EngineError(
                f"[translate] url {url!r} is not an http(s) address of a LibreTranslate server",
                hint='set it in l10n.toml, e.g. url = "http://127.0.0.1:5000"',
            )
        self.url = url.rstrip("/")
        self.host = parsed.netloc.rsplit("@", 1)[-1]  # never a user name or password in provenance
        self.api_key = api_key
        self.timeout = timeout
        self.batch_size = batch_size or DEFAULT_BATCH
        self.pause = pause  # seconds before the first retry; doubled each time
        self.on_progress: Progress | None = None
        self._codes: dict[str, set[str]] | None = None

    # -- the engine protocol -------------------------------------------------------------

    def supports(self, source: str, target: str) -> bool:
        src, tgt = self._code(source), self._code(target)
        return src is not None and tgt is not None and tgt in self.languages().get(src, set())

    def model_id(self, source: str, target: str) -> str:
        return f"libretranslate@{self.host}"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        src, tgt = self._code(source), self._code(target)
        if src is None or tgt is None or tgt not in self.languages().get(src, set()):
            raise ModelMissing(f"the LibreTranslate server at {self.host} does not translate {source}→{target}",
                               source=source, target=target,
                               hint="install that language pair on the server, or choose another engine")
        out: list[Translation] = []
        if self.on_progress:
            self.on_progress(0, len(texts))
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            out.extend(Translation(t) for t in self._translate_batch(batch, src, tgt))
            if self.on_progress:
                self.on_progress(len(batch), 0)
        return out

    # -- the server -----------------------------------------------------------------------

    def languages(self) -> dict[str, set[str]]:
        """Source code -> target codes the server offers (``GET /languages``), asked once."""
        if self._codes is None:
            answer = self._request("GET", "/languages", None)
            if not isinstance(answer, list):
                raise self._unexpected("/languages", answer)
            self._codes = {
                str(lang.get("code")): {str(t) for t in lang.get("targets", ())}
                for lang in answer
                if isinstance(lang, dict)
            }
        return self._codes

    def _code(self, code: str) -> str | None:
        offered = self.languages()
        # l10n's code first, then the codes the server may use instead (1.6 and later: "zh-Hans").
        for candidate in (code, *facts_of(code).aliases):
            if candidate in offered:
                return candidate
        return None

    def _translate_batch(self, batch: list[str], source: str, target: str) -> list[str]:
        body = {"q": batch, "source": source, "target": target, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        answer = self._request("POST", "/translate", body)
        texts = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(texts, str) and len(batch) == 1:
            texts = [texts]
        if not isinstance(texts, list) or len(texts) != len(batch) or not all(isinstance(t, str) for t in texts):
            raise self._unexpected("/translate", answer)
        return texts

    def _request(self, method: str, path: str, body: dict | None) -> object:
        """One API call, tried again on time-outs, refused connections, answers that break off and 5xx answers."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
        wait, failure = self.pause, ""
        for attempt in range(ATTEMPTS):
            if attempt:
                time.sleep(wait)
                wait *= 2
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    raise self._refused(exc) from None
                failure = f"HTTP {exc.code}"
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                failure = "no answer in time" if isinstance(reason, TimeoutError) else str(reason)
            except http.client.HTTPException:  # the server went away mid-answer (IncompleteRead)
                failure = "the answer broke off"
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise self._unexpected(path, "not JSON") from None
        raise EngineError(
            f"the LibreTranslate server at {self.host} failed {ATTEMPTS} times ({failure})",
            hint="is it running? What was finished is saved; run the command again when the server is back",
        )

    def _refused(self, exc: urllib.error.HTTPError) -> EngineError:
        try:
            said = json.loads(exc.read().decode("utf-8")).get("error") or ""
        except (ValueError, AttributeError, OSError):
            said = ""
        what = {400: "refused the request", 403: "refused the API key", 429: "is rate-limiting this client"}.get(exc.code, f"answered HTTP {exc.code}")
        hint = {403: f"set [translate] api_key or {API_KEY_ENV}", 429: "ask the server's admin for a key without limits, or wait"}.get(exc.code, "check [translate] url and the language pair")
        return EngineError(f"the LibreTranslate server at {self.host} {what}" + (f": {said}" if said else ""), hint=hint)

    def _unexpected(self, path: str, answer: object) -> EngineError:
        shown = json.dumps(answer, ensure_ascii=False)[:80] if not isinstance(answer, str) else answer
        return EngineError(f"the LibreTranslate server at {self.host} gave an unexpected answer to {path}: {shown}",
                           hint="is [translate] url a LibreTranslate server?")


@register("libretranslate")
def _factory(config: "Config") -> LibreTranslateEngine:
    if not config.url:
        raise EngineError("the libretranslate engine needs the server's address",
                          hint='set [translate] url = "http://HOST:5000" in l10n.toml')
    api_key = config.api_key or os.environ.get(API_KEY_ENV, "")
    return LibreTranslateEngine(config.url, api_key, float(config.timeout), config.batch_size)
