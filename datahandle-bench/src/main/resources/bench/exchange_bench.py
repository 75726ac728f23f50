"""Issue 12 point 8, the client side: push and pull through the exchange server, against Parquet write+read
and pyarrow's own C++ Flight server serving the same table, interleaved; then 4 stalled readers.

Usage: exchange_bench.py CONNECTION_FILE SERVER_PID ROWS ROUNDS WORK. Prints one JSON object.
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

import datahandle as dh

conn_file, server_pid, rows, rounds, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ds = dh.connect(connection_file=conn_file)
doc = json.load(open(conn_file))


def rss(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def cpu(pid):
    """CPU seconds (user + system) the process has used so far."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(what, fn, server):
    """Runs fn; answers its wall time and the CPU seconds of this client and of the serving process."""
    c0, s0, t0 = time.process_time(), cpu(server), time.perf_counter()
    result = fn()
    t1, c1, s1 = time.perf_counter(), time.process_time(), cpu(server)
    return result, t1 - t0, c1 - c0, s1 - s0


ids = pa.array(range(rows), type=pa.int64())
table = pa.table({"id": ids, "x": pc.multiply(pc.cast(ids, pa.float64()), 0.5),
                  "y": pc.cast(pc.bit_wise_and(ids, 0x7FFF), pa.int32()),
                  "label": pc.binary_join_element_wise("lbl_", pc.cast(ids, pa.string()), "")})
table = table.combine_chunks()
nbytes = table.nbytes

# the first push publishes the handle that the Flight server serves; later pushes are timed inside the rounds
ds.push("big", table)

# pyarrow's C++ Flight server, in its own process, serving the same table from the published file (mapped)
big_path = urllib.parse.unquote(urllib.parse.urlsplit(ds.locate("big")[0]["uri"]).path)
flight_src = """
import sys, pyarrow as pa, pyarrow.ipc as ipc, pyarrow.flight as fl
t = ipc.open_file(pa.memory_map(sys.argv[1])).read_all()
class S(fl.FlightServerBase):
    def do_get(self, context, ticket):
        return fl.RecordBatchStream(t)
s = S("grpc://127.0.0.1:0")
print(s.port, flush=True)
s.serve()
"""
flight = subprocess.Popen([sys.executable, "-c", flight_src, big_path], stdout=subprocess.PIPE)
port = int(flight.stdout.readline())
import pyarrow.flight as fl
fclient = fl.connect("grpc://127.0.0.1:%d" % port)

times = {"push": [], "pull": [], "flight": [], "parquet": []}
cpus = {"push": [], "pull": [], "flight": [], "parquet": []}
pq_path = os.path.join(work, "bench.parquet")


def parquet_round():
    pq.write_table(table, pq_path, compression="snappy")
    back = pq.read_table(pq_path)
    os.remove(pq_path)
    return back.num_rows


for r in range(rounds + 1):  # round 0 warms up
    ds.delete("big")
    _, t_push, c_push, s_push = timed("push", lambda: ds.push("big", table), server_pid)
    # pull and do_get take turns going first: whichever follows the other may find the memory the other
    # freed still in pyarrow's pool (no page faults), so a fixed order would favour one of them
    pull = lambda: timed("pull", lambda: ds.pull("big", to="arrow", shm=False).num_rows, server_pid)
    get = lambda: timed("flight", lambda: fclient.do_get(fl.Ticket(b"big")).read_all().num_rows, flight.pid)
    if r % 2 == 0:
        got, t_pull, c_pull, s_pull = pull()
        got_flight, t_flight, c_flight, s_flight = get()
    else:
        got_flight, t_flight, c_flight, s_flight = get()
        got, t_pull, c_pull, s_pull = pull()
    assert got == rows and got_flight == rows
    got, t_pq, c_pq, _ = timed("parquet", parquet_round, server_pid)
    assert got == rows
    if r > 0:
        for k, t, c, sv in (("push", t_push, c_push, s_push), ("pull", t_pull, c_pull, s_pull),
                            ("flight", t_flight, c_flight, s_flight), ("parquet", t_pq, c_pq, 0.0)):
            times[k].append(t)
            cpus[k].append([c, sv])
flight.kill()
flight.wait()

# 4 stalled readers: each reads the head and 64 KiB, then nothing
u = urllib.parse.urlsplit(doc["url"])
before = rss(server_pid)
stalled = []
for _ in range(4):
    s = socket.create_connection((u.hostname, u.port))
    s.sendall(("GET /v1/handles/big HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\n\r\n"
               % (u.hostname, u.port, doc["token"])).encode())
    s.recv(65536)
    stalled.append(s)
time.sleep(3)
during = rss(server_pid)
for s in stalled:
    s.close()

print(json.dumps({"pyarrow": pa.__version__, "rows": rows, "bytes": nbytes, "rounds": rounds,
                  "push": times["push"], "pull": times["pull"], "flight": times["flight"],
                  "parquet": times["parquet"], "cpu": cpus, "load": os.getloadavg()[0], "rss_before": before, "rss_stalled": during}))
