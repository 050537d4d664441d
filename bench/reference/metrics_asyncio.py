#!/usr/bin/env python3
"""The classic metrics server design in Python asyncio, as a yardstick for `bench metrics`.

One asyncio.Protocol per connection, points in a dict of dicts (key -> timestamp -> value),
every request of one read answered with one write. Speaks the same text protocol as
`switchboard metrics-server` (put/get, `ok`/`error\\nwrong command`), so the same bench
client measures both:

    python3 bench/reference/metrics_asyncio.py --port 7002
    ./switchboard bench metrics --port 7002

For benchmarks only: no limits, no persistence.
"""
from line_servers import LineProtocol, serve

OK = b"ok\n\n"
WRONG = b"error\nwrong command\n\n"


class Store:
    def __init__(self):
        self.points = {}

    def put(self, key, value, timestamp):
        self.points.setdefault(key, {})[timestamp] = value

    def get(self, key):
        keys = sorted(self.points) if key == "*" else ([key] if key in self.points else [])
        lines = []
        for k in keys:
            series = self.points[k]
            for ts in sorted(series):
                lines.append(f"{k} {series[ts]!r} {ts}\n")
        return ("ok\n" + "".join(lines) + "\n").encode()


class MetricsProtocol(LineProtocol):
    def __init__(self, store):
        super().__init__()
        self.store = store

    def answer(self, raw):
        try:
            parts = raw.decode().split()
            if len(parts) == 4 and parts[0] == "put":
                self.store.put(parts[1], float(parts[2]), int(parts[3]))
                return OK
            if len(parts) == 2 and parts[0] == "get":
                return self.store.get(parts[1])
        except ValueError:
            pass
        return WRONG


if __name__ == "__main__":
    store = Store()
    serve("metrics-asyncio", __doc__.splitlines()[0], lambda: MetricsProtocol(store))
