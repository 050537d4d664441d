"""What the Python yardsticks of the bench share: a line protocol on asyncio and its server loop.

A connection's bytes are cut into lines; every complete line of one read is answered by the
protocol's `answer(line)`, and the answers of one read go out in one write. Not a program:
imported by metrics_asyncio.py and tokens_asyncio.py beside it.
"""
import argparse
import asyncio


class LineProtocol(asyncio.Protocol):
    """One connection; subclasses answer each line (bytes, no line end) with bytes."""

    def __init__(self):
        self.pending = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        data = self.pending + data
        end = data.rfind(b"\n")
        if end < 0:
            self.pending = data
            return
        self.pending = data[end + 1:]
        self.transport.write(b"".join(self.answer(line) for line in data[:end].split(b"\n")))

    def answer(self, line):
        raise NotImplementedError


def serve(name, description, make_protocol):
    """Parses --host/--port and serves make_protocol() per connection until interrupted."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(make_protocol, args.host, args.port)
        print(f"{name} listening on {args.host}:{args.port}", flush=True)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
