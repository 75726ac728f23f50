"""The Python client against a real Java exchange server (a subprocess; see conftest.py)."""

import json
import os
import subprocess
import sys
import textwrap
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
