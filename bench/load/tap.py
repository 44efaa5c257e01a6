"""A tap on the wire between Chromium and the server: when the server answered the browser.

Chromium's own timestamps of websocket frames are taken in its network process, which reads
the socket only as fast as the page takes frames (Chromium's websocket flow control), so on a
busy machine they say when the browser read, not when the server sent. The tap is a TCP relay
on 127.0.0.1 in front of the server, run in a thread of the checking process: the browser
opens the page through it, and it notes, on its own clock (``time.perf_counter``, the
harness's), when the first health check came in, when the browser's first frame (``rerun_script``)
did and when the server's ``script_finished``
frame went by (server frames are not masked; a fragmented message is joined first). It
forwards every byte as it comes, reading the server eagerly, so it does not hold the server
back.
"""
from __future__ import annotations

import asyncio
import struct
import threading
import time

from . import protocol
from .hosts import ALLOWED_HOST


class Frames:
    """Reads the server's side of one websocket connection, after its 101 response."""

    def __init__(self, on_finished):
        self.buffer = b""
        self.upgraded = False
        self.parts: list[bytes] = []
        self.run = protocol.ScriptRun()
        self.on_finished = on_finished

    def feed(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            self.upgraded = b" 101 " in self.buffer[:end].split(b"\r\n", 1)[0] + b" "
            self.buffer = self.buffer[end + 4:] if self.upgraded else b""
            if not self.upgraded:
                return
        while (frame := self._frame()) is not None:
            fin, opcode, payload = frame
            if opcode in (0, 2):
                self.parts.append(payload)
                if fin:
                    message, self.parts = b"".join(self.parts), []
                    if self.run.feed(protocol.parse(message)):
                        self.on_finished(time.perf_counter())
                        self.run = protocol.ScriptRun()

    def _frame(self):
        data = self.buffer
        if len(data) < 2:
            return None
        size, offset = data[1] & 0x7F, 2
        if size == 126:
            if len(data) < 4:
                return None
            size, offset = struct.unpack(">H", data[2:4])[0], 4
        elif size == 127:
            if len(data) < 10:
                return None
            size, offset = struct.unpack(">Q", data[2:10])[0], 10
        if data[1] & 0x80:
            offset += 4                      # a masked frame (never from a server): skip the key
        if len(data) < offset + size:
            return None
        self.buffer = data[offset + size:]
        return bool(data[0] & 0x80), data[0] & 0x0F, data[offset:offset + size]


class Tap:
    """A relay on a free 127.0.0.1 port to the server at ``port``; ``url`` is where to point
    the browser. ``reset`` before a visit; then ``health_at``, ``rerun_at`` and ``finished_at``."""

    def __init__(self, port: int):
        from tests.local_server import free_port

        self.server_port = port
        self.port = free_port()
        self.url = f"http://{ALLOWED_HOST}:{self.port}"
        self.reset()
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait(10)

    def reset(self) -> None:
        self.health_at = None
        self.rerun_at = None                 # the browser's first frame (rerun_script) passed
        self.finished_at = None

    def _finished(self, at: float) -> None:
        if self.finished_at is None:
            self.finished_at = at

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)

        async def main():
            self._server = await asyncio.start_server(self._relay, ALLOWED_HOST, self.port)
            ready.set()
            await self._server.serve_forever()

        try:
            self._loop.run_until_complete(main())
        except (asyncio.CancelledError, RuntimeError):
            pass

    async def _relay(self, client_reader, client_writer) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(ALLOWED_HOST, self.server_port)
        except OSError:
            client_writer.close()
            return
        frames = Frames(self._finished)

        async def upstream():
            while data := await client_reader.read(65536):
                if server_writer.is_closing():
                    break
                if self.health_at is None and b"/_stcore/health" in data.split(b"\r\n", 1)[0]:
                    self.health_at = time.perf_counter()
                if frames.upgraded and self.rerun_at is None:
                    self.rerun_at = time.perf_counter()
                server_writer.write(data)
                await server_writer.drain()
            server_writer.close()

        async def downstream():
            while data := await server_reader.read(65536):
                frames.feed(data)
                if client_writer.is_closing():     # the browser has gone (its tab closed)
                    break
                client_writer.write(data)          # no drain: a slow reader never holds the server back
            client_writer.close()

        try:
            await asyncio.gather(upstream(), downstream())
        except (OSError, asyncio.IncompleteReadError):
            client_writer.close()
            server_writer.close()

    def close(self) -> None:
        def stop():
            self._server.close()
            for task in asyncio.all_tasks(self._loop):
                task.cancel()
        self._loop.call_soon_threadsafe(stop)
        self._thread.join(timeout=5)
