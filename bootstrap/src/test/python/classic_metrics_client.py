"""A client of the classic metrics protocol, written the way the course's Python client is
specified: Client(host, port, timeout), put(key, value, timestamp=None), get(key) returning
{key: [(timestamp, value), ...]} sorted by timestamp, ClientError on any failure.

Run as a script, it plays the course's scenario against HOST PORT and exits 0 when every
answer matches; it is the interoperability check for the Java server."""

import socket
import sys
import time


class ClientError(Exception):
    pass


class Client:
    def __init__(self, host, port, timeout=None):
        try:
            self.sock = socket.create_connection((host, port), timeout)
        except OSError as err:
            raise ClientError("cannot connect", err)

    def _read(self):
        data = b""
        while not data.endswith(b"\n\n"):
            try:
                chunk = self.sock.recv(1024)
            except OSError as err:
                raise ClientError("read failed", err)
            if not chunk:
                raise ClientError("connection closed")
            data += chunk
        text = data.decode("utf-8")
        status, payload = text.split("\n", 1)
        payload = payload.strip()
        if status == "error":
            raise ClientError(payload)
        if status != "ok":
            raise ClientError("unexpected answer", text)
        return payload

    def put(self, key, value, timestamp=None):
        timestamp = timestamp or int(time.time())
        try:
            self.sock.sendall(f"put {key} {value} {timestamp}\n".encode("utf-8"))
        except OSError as err:
            raise ClientError("send failed", err)
        self._read()

    def get(self, key):
        try:
            self.sock.sendall(f"get {key}\n".encode("utf-8"))
        except OSError as err:
            raise ClientError("send failed", err)
        payload = self._read()
        data = {}
        if payload == "":
            return data
        for row in payload.split("\n"):
            key, value, timestamp = row.split()
            data.setdefault(key, []).append((int(timestamp), float(value)))
        for points in data.values():
            points.sort(key=lambda point: point[0])
        return data

    def close(self):
        try:
            self.sock.close()
        except OSError as err:
            raise ClientError("close failed", err)


def raw(host, port, request):
    with socket.create_connection((host, port), 5) as sock:
        sock.sendall(request.encode("utf-8"))
        data = b""
        while not data.endswith(b"\n\n"):
            chunk = sock.recv(1024)
            if not chunk:
                break
            data += chunk
        return data.decode("utf-8")


def scenario(host, port):
    client1 = Client(host, port, timeout=5)
    client2 = Client(host, port, timeout=5)

    for request in ("malformed command test\n", "get\n", "put k 1\n", "put k v 1\n"):
        answer = raw(host, port, request)
        assert answer == "error\nwrong command\n\n", (request, answer)

    for client in (client1, client2):
        try:
            client.get("a b c")
        except ClientError:
            pass
        else:
            raise AssertionError("a wrong command must raise ClientError")

    client1.put("k1", 0.25, timestamp=1)
    client2.put("k1", 2.156, timestamp=2)
    client1.put("k1", 0.35, timestamp=3)
    client2.put("k2", 30, timestamp=4)
    client1.put("k2", 40, timestamp=5)
    client1.put("k2", 40, timestamp=5)

    expected = {
        "k1": [(1, 0.25), (2, 2.156), (3, 0.35)],
        "k2": [(4, 30.0), (5, 40.0)],
    }
    assert client1.get("*") == expected, client1.get("*")
    assert client2.get("*") == expected
    assert client1.get("k2") == {"k2": [(4, 30.0), (5, 40.0)]}
    assert client2.get("k3") == {}

    wire = raw(host, port, "get *\n")
    assert wire == "ok\nk1 0.25 1\nk1 2.156 2\nk1 0.35 3\nk2 30.0 4\nk2 40.0 5\n\n", wire

    client1.close()
    client2.close()


if __name__ == "__main__":
    scenario(sys.argv[1], int(sys.argv[2]))
    print("classic scenario: all answers match")
