"""Run the review app with uvicorn on a local address, with a fresh token per run."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
import time
import webbrowser
from dataclasses import dataclass, field

from ..errors import L10nError
from ..project import Project


@dataclass
class ReviewServer:
    """A bound socket and the app behind it; :meth:`run` serves until Ctrl-C."""

    project: Project
    sock: socket.socket
    host: str
    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    _server: object = field(default=None, repr=False)

    @classmethod
    def bind(cls, project: Project, host: str = "127.0.0.1", port: int = 8765) -> "ReviewServer":
        """Bind ``host:port`` (port 0: any free port); raises :class:`L10nError` if it is taken."""
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            sock.close()
            raise L10nError(f"cannot listen on {host}:{port}: {exc.strerror}", hint="pass another --port") from None
        sock.listen(64)
        return cls(project, sock, host, sock.getsockname()[1])

    @property
    def address(self) -> str:
        """``host:port`` as a browser writes it in the ``Host`` header."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The address to open, with the token."""
        return f"http://{self.address}/?token={self.token}"

    @property
    def local(self) -> bool:
        """Whether only this computer can reach the server (a loopback address)."""
        return _loopback(self.host)

    @property
    def hosts(self) -> frozenset[str]:
        """``Host`` headers accepted: the bound address, and ``localhost`` for a loopback one."""
        hosts = {self.address}
        if self.local:
            hosts |= {f"localhost:{self.port}", f"127.0.0.1:{self.port}", f"[::1]:{self.port}"}
        return frozenset(hosts)

    def run(self, open_browser: bool = False) -> None:
        """Serve until interrupted (or :meth:`stop`); open the page in the browser once listening."""
        import uvicorn

        from ..lexicon import lexicon
        from .app import create_app

        app = create_app(self.project, self.token, self.hosts)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
        self._server = server
        # The checks' dictionaries are indexed on first use (some seconds): start now, not on the first page.
        threading.Thread(target=lexicon, daemon=True).start()
        if open_browser:
            threading.Thread(target=self._open_when_ready, daemon=True).start()
        server.run(sockets=[self.sock])

    def stop(self) -> None:
        """Ask a running server to finish (for tests and embedding)."""
        if self._server is not None:
            self._server.should_exit = True

    def wait_started(self, timeout: float = 10.0) -> None:
        """Block until the server answers requests (for tests and embedding)."""
        deadline = time.monotonic() + timeout
        while not getattr(self._server, "started", False):
            if time.monotonic() > deadline:
                raise L10nError(f"the review server did not start within {timeout:.0f} s")
            time.sleep(0.02)

    def _open_when_ready(self) -> None:
        self.wait_started()
        webbrowser.open(self.url)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
