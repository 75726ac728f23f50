"""The Python client against a real Java exchange server (a subprocess; see conftest.py)."""

import gc
import json
import os
import socket
import subprocess
import sys
import textwrap
import threading
import urllib.parse

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import datahandle as dh


def frame(n=1000, seed=0):
    return pd.DataFrame({"id": np.arange(seed, seed + n, dtype="int64"),
                         "x": np.arange(n, dtype="float64") * 0.5,
                         "label": ["lbl_%d" % (i + seed) for i in range(n)]})


def test_push_pandas_then_pull_pandas(ds):
    df = frame()
    answer = ds.push("dat", df)
    assert answer["name"] == "dat" and answer["rows"] == 1000
    pd.testing.assert_frame_equal(ds.pull("dat", shm=False), df)


def test_pull_to_arrow_and_numpy(ds):
    t = pa.table({"a": pa.array([1.0, 2.0, 3.0]), "b": pa.array([4.0, 5.0, 6.0])})
    ds.push("dat", t)
    assert ds.pull("dat", to="arrow", shm=False).equals(t)
    np.testing.assert_array_equal(ds.pull("dat", to="numpy"), np.array([[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]))


def test_push_numpy_2d(ds):
    m = np.arange(12, dtype="float64").reshape(4, 3)
    ds.push("dat", m)
    np.testing.assert_array_equal(ds.pull("dat", to="numpy"), m)
    assert ds.pull("dat", to="arrow").column_names == ["c0", "c1", "c2"]


def test_push_a_record_batch_reader_and_iterate_batches(ds):
    schema = pa.schema([("id", pa.int64()), ("v", pa.float64())])
    batches = [pa.record_batch([pa.array(range(i * 10_000, (i + 1) * 10_000)),
                                pa.array([float(i)] * 10_000)], schema=schema) for i in range(5)]
    ds.push("dat", pa.RecordBatchReader.from_batches(schema, iter(batches)))
    rows = 0
    for b in ds.batches("dat"):
        assert b.schema == schema
        rows += b.num_rows
    assert rows == 50_000


def test_a_csv_handle(ds):
    ds.push("scores", frame(50, 7))
    assert ds.pull("scores", to="arrow").num_rows == 50


def test_list_state_locate_delete(ds, server):
    ds.push("dat", frame(10))
    names = {h["name"]: h for h in ds.list()}
    assert {"dat", "scores", "inshm", "config"} <= set(names)
    assert names["dat"]["produced"] is True and names["dat"]["format"] == "arrow"
    st = ds.state("dat")
    assert st["produced"] is True and st["state"]["disk"] == "produced"
    where = ds.locate("dat")
    assert where[0]["uri"].startswith("file:") and where[-1]["uri"].endswith("/v1/handles/dat")
    ds.delete("dat")
    assert ds.state("dat")["produced"] is False


def test_typed_errors(ds, server):
    with pytest.raises(dh.NotProducedError):
        ds.pull("dat")
    with pytest.raises(dh.HandleNotFoundError):
        ds.pull("nosuch")
    ds.push("dat", frame(5))
    with pytest.raises(dh.AlreadyProducedError):
        ds.push("dat", frame(5, 1))
    with pytest.raises(dh.ExchangeError) as bad:
        ds.pull("../../etc/passwd")
    assert bad.value.code == "BadName" and bad.value.status == 400
    with open(server["connection_file"]) as f:
        url = json.load(f)["url"]
    with pytest.raises(dh.AuthError):
        dh.connect(url, token="wrong" * 10).list()


def test_an_undeclared_name_becomes_a_temporary_handle(ds):
    t = pa.table({"k": ["a", "b"], "v": [1, 2]})
    ds.push("py_fresh_tmp", t)
    assert ds.pull("py_fresh_tmp", to="arrow").equals(t)
    ds.delete("py_fresh_tmp")


def test_documents_travel_as_json(ds):
    ds.push("config", {"alpha": 1, "names": ["a", "b"]})
    assert ds.pull("config") == {"alpha": 1, "names": ["a", "b"]}


def test_shm_pull_maps_the_file_without_a_copy(ds):
    t = pa.table({"x": pa.array(np.arange(2_000_000, dtype="float64"))})
    ds.push("inshm", t)
    before = pa.total_allocated_bytes()
    mapped = ds.open_shm("inshm")
    assert mapped is not None, "the shm handle's file should be mapped"
    assert pa.total_allocated_bytes() - before < 1 << 20  # 16 MB of data, no copy
    assert mapped.equals(t)
    assert ds.pull("inshm", to="arrow").equals(t)


def test_a_pushed_stream_lands_in_the_arrow_file_mappable_and_64_byte_aligned(ds):
    # the server copies these batches into the file without decoding them (they are laid out as its
    # writer lays them out); pyarrow's stream has 8-byte aligned buffers, the file must have 64
    n = 100_003
    t = pa.table({"id": pa.array(np.arange(n, dtype="int64")),
                  "x": pa.array([None if i % 7 == 0 else i * 0.25 for i in range(n)], pa.float64()),
                  "y": pa.array(np.arange(n, dtype="int32") % 1000),
                  "ok": pa.array([i % 3 == 0 for i in range(n)]),
                  "day": pa.array(np.arange(n, dtype="int32") % 20000, pa.date32()),
                  "label": pa.array([None if i % 11 == 0 else "lbl_%d_é漢🧬" % i for i in range(n)])})
    answer = ds.push("inshm", t)
    assert answer["rows"] == n
    mapped = ds.open_shm("inshm")
    assert mapped is not None
    assert mapped.equals(t)
    mapped.validate(full=True)
    uri = [l for l in ds.locate("inshm") if l.get("uri", "").startswith("file:")][0]["uri"]
    path = urllib.parse.unquote(urllib.parse.urlsplit(uri).path)
    with pa.memory_map(path) as source:
        base = source.read_buffer().address
        table = pa.ipc.open_file(source).read_all()
        for column in table.columns:
            for chunk in column.chunks:
                for buf in chunk.buffers():
                    if buf is not None and buf.size:
                        assert (buf.address - base) % 64 == 0
    assert ds.pull("inshm", to="arrow", shm=False).equals(t)


def test_a_push_of_types_the_file_stores_otherwise_is_converted(ds):
    t = pa.table({"small": pa.array([1, -2, None, 4], pa.int8()),
                  "when": pa.array([0, 1_500_000_000_123_456_789, None, 42_000], pa.timestamp("ns", tz="UTC")),
                  "kind": pa.array(["a", "b", None, "a"]).dictionary_encode(),
                  "big": pa.array(["x", None, "yy", "zzz"], pa.large_string())})
    ds.push("dat", t)
    back = ds.pull("dat", to="arrow", shm=False)
    assert back.column("small").to_pylist() == [1, -2, None, 4]
    assert back.column("when").to_pylist() == pa.array([0, 1_500_000_000_123_456, None, 42],
                                                        pa.timestamp("us", tz="UTC")).to_pylist()
    assert back.column("kind").to_pylist() == ["a", "b", None, "a"]
    assert back.column("big").to_pylist() == ["x", None, "yy", "zzz"]


def test_connect_from_the_environment(server):
    with open(server["connection_file"]) as f:
        doc = json.load(f)
    env = dict(os.environ, DATAHANDLE_URL=doc["url"], DATAHANDLE_TOKEN=doc["token"])
    code = "import datahandle as dh; print(len(dh.connect().list()))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 4
    env = dict(os.environ, DATAHANDLE_CONNECTION_FILE=server["connection_file"])
    env.pop("DATAHANDLE_URL", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


def test_a_client_killed_mid_upload_publishes_nothing(ds, server):
    script = textwrap.dedent("""
        import os, sys, http.client, json, urllib.parse
        import pyarrow as pa, pyarrow.ipc as ipc
        doc = json.load(open(sys.argv[1]))
        u = urllib.parse.urlsplit(doc["url"])
        conn = http.client.HTTPConnection(u.hostname, u.port)
        conn.putrequest("PUT", "/v1/handles/dat")
        conn.putheader("Authorization", "Bearer " + doc["token"])
        conn.putheader("Content-Type", "application/vnd.apache.arrow.stream")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        sink = pa.BufferOutputStream()
        schema = pa.schema([("v", pa.int64())])
        w = ipc.new_stream(sink, schema)
        for i in range(3):
            w.write_batch(pa.record_batch([pa.array(range(100_000))], schema=schema))
        data = sink.getvalue().to_pybytes()
        conn.send(b"%x\\r\\n" % len(data) + data + b"\\r\\n")
        os._exit(0)  # dies after 3 batches: no end-of-stream marker, no end of the body
    """)
    out = subprocess.run([sys.executable, "-c", script, server["connection_file"]], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    import time
    for _ in range(50):  # until the server has taken up the cut upload (a quick one may be missed) ...
        if ds.state("dat")["state"]["disk"] == "writing":
            break
        time.sleep(0.1)
    for _ in range(400):  # ... and let go of it
        if ds.state("dat")["state"]["disk"] != "writing":
            break
        time.sleep(0.1)
    time.sleep(0.2)
    assert ds.state("dat")["produced"] is False
    for attempt in range(50):  # the server's handler may still be answering the dead client
        try:
            ds.push("dat", frame(3))
            break
        except dh.AlreadyProducedError:
            assert ds.state("dat")["produced"] is False
            time.sleep(0.1)
    assert len(ds.pull("dat")) == 3


def test_job_events_follow(ds, server):
    job = ds.job(server["job_id"])
    events = list(job.events(follow=True))
    texts = [e.get("text") for e in events if e["type"] in ("stdout", "stderr")]
    assert "hello" in texts and "oops" in texts and "bye" in texts
    assert events[-1]["type"] == "status" and events[-1]["state"] == "succeeded"
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    stdout = [e["text"] for e in job.events(stream="stdout")]
    assert stdout == ["hello", "bye"]
    later = list(job.events(start=events[2]["seq"]))
    assert later[0]["seq"] == events[2]["seq"]
    rows = job.rows()
    assert rows.column("n").to_pylist() == [1, 2, 3] and rows.column("sq").to_pylist() == [1, 4, 9]
    assert any(j["id"] == server["job_id"] for j in ds.jobs())


def test_the_docs_python_example_runs(ds, server, monkeypatch, capsys):
    import re

    page = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "exchange.md")
    with open(page, encoding="utf-8") as f:
        blocks = re.findall(r"^```python\n(.*?)^```$", f.read(), re.S | re.M)
    assert blocks, "docs/exchange.md has a python example"
    with open(server["connection_file"]) as f:
        doc = json.load(f)
    monkeypatch.setenv("DATAHANDLE_URL", doc["url"])
    monkeypatch.setenv("DATAHANDLE_TOKEN", doc["token"])
    exec(compile(blocks[0], "docs/exchange.md", "exec"), {})
    out = capsys.readouterr().out
    assert "refused:" in out and "'disk': 'produced'" in out and "dat.arrow" in out


# ---- kept-alive connections ----

def kept_alive(client):
    """The calling thread's kept-alive connection (an http.client connection)."""
    return client._local.slot.conn


def local_port(conn):
    return conn.sock.getsockname()[1]


def test_small_requests_reuse_one_kept_alive_connection(ds):
    ds.push("dat", frame(10))
    ds.state("dat")
    conn = kept_alive(ds)
    sock, port = conn.sock, local_port(conn)
    for _ in range(20):
        assert ds.state("dat")["produced"] is True
        assert "dat" in {h["name"] for h in ds.list()}
        ds.locate("dat")
        ds.info()
        assert len(ds.pull("dat", shm=False)) == 10  # a pull read whole, too
        assert kept_alive(ds) is conn and conn.sock is sock and local_port(conn) == port
    ds.delete("dat")
    assert conn.sock is sock and local_port(conn) == port


def test_an_error_answer_keeps_the_connection_unless_it_says_connection_close(ds):
    ds.list()
    conn = kept_alive(ds)
    port = local_port(conn)
    with pytest.raises(dh.HandleNotFoundError):  # a request without a body: the server keeps the connection
        ds.state("nosuch")
    ds.list()
    assert local_port(conn) == port
    stranger = dh.connect(ds.url, "not-the-token")
    with pytest.raises(dh.AuthError):  # an unauthenticated client's answer says Connection: close
        stranger.list()
    assert kept_alive(stranger).sock is None


def test_a_kept_alive_connection_the_server_dropped_is_replaced(ds):
    ds.list()
    conn = kept_alive(ds)
    old = local_port(conn)
    conn.sock.shutdown(socket.SHUT_RDWR)  # as if the server had closed it while idle
    assert ds.list()
    assert conn.sock is not None and local_port(conn) != old


def counting_connects(conn):
    opened = []
    connect = conn.connect

    def counted():
        opened.append(1)
        connect()

    conn.connect = counted
    return opened


def test_a_get_or_delete_failing_on_a_dead_kept_alive_connection_is_sent_once_more(ds, monkeypatch):
    # the check before sending is off: the dead connection is found only when the request fails
    monkeypatch.setattr(dh.client, "_dropped_while_idle", lambda sock: False)
    ds.push("dat", frame(10))
    ds.state("dat")
    conn = kept_alive(ds)
    opened = counting_connects(conn)
    conn.sock.shutdown(socket.SHUT_RDWR)
    assert ds.state("dat")["produced"] is True
    assert len(opened) == 1
    conn.sock.shutdown(socket.SHUT_RDWR)
    ds.delete("dat")
    assert len(opened) == 2
    assert ds.state("dat")["produced"] is False
    assert len(opened) == 2


def test_a_post_failing_on_a_dead_kept_alive_connection_is_not_sent_again(ds, server, monkeypatch):
    monkeypatch.setattr(dh.client, "_dropped_while_idle", lambda sock: False)
    ds.list()
    conn = kept_alive(ds)
    opened = counting_connects(conn)
    conn.sock.shutdown(socket.SHUT_RDWR)
    with pytest.raises(dh.ExchangeError) as failed:
        ds.job(server["job_id"]).cancel()
    assert isinstance(failed.value.__cause__, (BrokenPipeError, ConnectionResetError))
    assert opened == [] and conn.sock is None  # not sent again, and the dead connection is closed
    assert ds.list()  # the next request opens a new one
    assert len(opened) == 1


def test_a_push_has_a_new_connection_of_its_own(ds, monkeypatch):
    monkeypatch.setattr(dh.client, "_dropped_while_idle", lambda sock: False)
    ds.list()
    conn = kept_alive(ds)
    dead = conn.sock
    dead.shutdown(socket.SHUT_RDWR)
    opened = counting_connects(conn)
    answer = ds.push("dat", frame(10))  # its body goes on a new connection from the start, never a reused one
    assert answer["rows"] == 10
    assert conn.sock is dead and opened == []  # the push did not touch the kept-alive connection
    with pytest.raises(dh.AlreadyProducedError):  # a refused push still says why
        ds.push("dat", frame(10))
    assert ds.state("dat")["produced"] is True
    assert len(opened) == 1  # the kept-alive connection, replaced once its death showed


def test_streams_have_connections_of_their_own(ds, server):
    ds.push("dat", frame(10))
    ds.list()
    conn = kept_alive(ds)
    port = local_port(conn)
    reader = ds.reader("dat")
    assert ds.state("dat")["produced"] is True  # while the stream is open
    reader.close()
    events = ds.job(server["job_id"]).events()
    next(events)
    assert len(ds.jobs()) >= 1
    events.close()  # abandoned midway: its connection closes, the kept-alive one is untouched
    assert kept_alive(ds) is conn and local_port(conn) == port


def test_many_threads_use_one_client(ds):
    ds.push("dat", frame(10))
    failures, connections = [], []

    def work():
        try:
            for _ in range(50):
                assert ds.state("dat")["produced"] is True
            connections.append(kept_alive(ds))
        except BaseException as e:  # noqa: B902 - reported below
            failures.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert len(connections) == 8 and len({id(c) for c in connections}) == 8  # one connection per thread
    gc.collect()
    assert all(c.sock is None for c in connections)  # closed when their threads ended
    assert ds.state("dat")["produced"] is True


def test_close_and_the_context_manager(server):
    with dh.connect(connection_file=server["connection_file"]) as ds:
        ds.list()
        conn = kept_alive(ds)
        assert conn.sock is not None
    assert conn.sock is None
    assert ds.list()  # a closed client opens a new connection when used again
    assert kept_alive(ds).sock is not None
    ds.close()
    ds.close()
    assert kept_alive(ds).sock is None


class ScriptedServer:
    """A tiny HTTP server whose n-th connection answers as its script says, to test how the client takes a
    connection the server closes: "ok" answers kept alive, "close" answers with Connection: close, "drop"
    reads the request and closes without an answer (the server closed an idle connection just as the
    request came)."""

    def __init__(self, scripts):
        self.scripts = list(scripts)
        self.requests = []  # (connection number, request line)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = "http://127.0.0.1:%d" % self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        for number, script in enumerate(self.scripts):
            s, _ = self.listener.accept()
            with s, s.makefile("rb") as f:
                for step in script:
                    head = []
                    while True:
                        line = f.readline()
                        if not line or line == b"\r\n":
                            break
                        head.append(line)
                    if not head:
                        break
                    self.requests.append((number, head[0].decode().strip()))
                    if step == "drop":
                        break
                    body = b'{"handles": []}'
                    s.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n%s\r\n%s"
                              % (len(body), b"Connection: close\r\n" if step == "close" else b"", body))
                    if step == "close":
                        break

    def stop(self):
        self.listener.close()


def test_a_request_the_server_closes_the_connection_on_is_sent_again_only_when_safe():
    server = ScriptedServer([["ok", "drop"], ["close"], ["ok", "drop"], ["ok"]])
    try:
        ds = dh.Client(server.url, "t" * 43)
        assert ds.list() == []  # connection 0
        assert ds.list() == []  # dropped on connection 0 (RemoteDisconnected): sent again on connection 1,
        #                         whose answer says Connection: close
        assert ds.list() == []  # so connection 2
        with pytest.raises(dh.ExchangeError):  # a POST the server dropped may have been acted on: not repeated
            ds.job("j1").cancel()
        assert ds.list() == []  # connection 3
        assert server.requests == [(0, "GET /v1/handles HTTP/1.1"), (0, "GET /v1/handles HTTP/1.1"),
                                   (1, "GET /v1/handles HTTP/1.1"), (2, "GET /v1/handles HTTP/1.1"),
                                   (2, "POST /v1/jobs/j1/cancel HTTP/1.1"), (3, "GET /v1/handles HTTP/1.1")]
    finally:
        server.stop()


def test_over_https_a_series_of_requests_is_one_tls_connection(tls_server):
    import ssl

    context = ssl.create_default_context(cafile=tls_server["cafile"])
    with dh.connect(connection_file=tls_server["connection_file"], ssl_context=context) as ds:
        assert ds.url.startswith("https://")
        ds.push("dat", frame(100))
        ds.state("dat")
        conn = kept_alive(ds)
        sock, port = conn.sock, local_port(conn)
        assert isinstance(sock, ssl.SSLSocket)
        opened = counting_connects(conn)
        for _ in range(20):
            assert ds.state("dat")["produced"] is True
            ds.list()
            assert len(ds.pull("dat", shm=False)) == 100
        assert opened == [] and conn.sock is sock and local_port(conn) == port
        sock.shutdown(socket.SHUT_RDWR)  # as if the server had closed it
        assert ds.state("dat")["produced"] is True
        assert len(opened) == 1
        ds.delete("dat")
    assert conn.sock is None
