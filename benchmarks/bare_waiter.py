"""The fan-out floor's server: holds every GET until ``GET /go`` arrives, then answers all.

    python -m benchmarks.bare_waiter   (prints "listening on http://127.0.0.1:PORT")

A bare asyncio HTTP/1.1 server, one process like the store: it reads each request's
head, waits on one event, and writes a 200 with a small JSON body; no routing, no
authentication, no database.
"""

from __future__ import annotations

import asyncio

BODY = b'{"version": 2}'


async def main() -> None:
    go = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        if head.startswith(b"GET /go "):
            go.set()
        else:
            await go.wait()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(BODY), BODY))
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
    print(f"listening on http://127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
