#!/usr/bin/env python3
"""The tokens server design in Python asyncio, as a yardstick for `bench tokens`.

One asyncio.Protocol per connection; every line parsed with json.loads; a Greeting registers
the client (its id plus the address it came from) and is answered Ready; a Token adds the client
to that token's handler table (a dict of sets) and counts it, then is answered Accepted with
json.dumps; every answer of one read goes out in one write. Speaks the protocol of
`switchboard token-server` for what the bench sends, so the same bench client measures both:

    python3 bench/reference/tokens_asyncio.py --port 7009
    ./switchboard bench tokens --port 7009 --server-pid $(pgrep -f tokens_asyncio.py)

For benchmarks only: no delay, no limits, no persistence, no periodic table.
"""
import json

from line_servers import LineProtocol, serve


class Registry:
    def __init__(self):
        self.expected = {}
        self.received = {}
        self.handlers = {}

    def greet(self, client, expected):
        self.expected[client] = expected
        self.received.setdefault(client, 0)

    def accept(self, client, token):
        self.handlers.setdefault(token, set()).add(client)
        self.received[client] += 1


def error(reason):
    return (json.dumps({"op": "Error", "payload": {"reason": reason}}, separators=(",", ":")) + "\n").encode()


class TokensProtocol(LineProtocol):
    def __init__(self, registry):
        super().__init__()
        self.registry = registry
        self.peer = None
        self.client = None

    def connection_made(self, transport):
        super().connection_made(transport)
        self.peer = transport.get_extra_info("peername")

    def answer(self, raw):
        try:
            message = json.loads(raw)
            op = message["op"]
            payload = message.get("payload") or {}
        except (ValueError, TypeError, KeyError, AttributeError):
            return error("malformed JSON")
        if op == "Greeting" and self.client is None:
            self.client = (str(payload.get("client_id")), self.peer[0], self.peer[1])
            self.registry.greet(self.client, int(payload.get("tokens_expected", 0)))
            return b'{"op":"Ready","payload":{}}\n'
        if op == "Token" and self.client is not None and isinstance(payload.get("token"), str):
            token = payload["token"]
            self.registry.accept(self.client, token)
            return (json.dumps({"op": "Accepted", "payload": {"token": token}}, separators=(",", ":")) + "\n").encode()
        return error("unexpected message")


if __name__ == "__main__":
    registry = Registry()
    serve("tokens-asyncio", __doc__.splitlines()[0], lambda: TokensProtocol(registry))
