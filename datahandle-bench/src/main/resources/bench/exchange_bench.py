"""Issue 12 point 8, the client side: push and pull through the exchange server, against Parquet write+read
and pyarrow's own C++ Flight server serving the same table, interleaved; then 4 stalled readers.

Also two floors, in rounds of their own: the same IPC stream over a bare loopback TCP connection into a
receiver process that drops it (what any transport must pay: the floor of a pull), and into one that writes it
on a second thread into a new file in the shm: tier's folder (the floor of a push: no HTTP, no checks, no
checksum, no JVM).

Usage: exchange_bench.py CONNECTION_FILE SERVER_PID ROWS ROUNDS WORK SHM_DIR. Prints one JSON object.
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
from datahandle.client import MAX_BATCH_ROWS

conn_file, server_pid, rows, rounds, work, shm_dir = (sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
                                                     int(sys.argv[4]), sys.argv[5], sys.argv[6])
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

# The floors' receiver: per connection, a mode byte ("d" drop, "w" write to a new file in the folder), then
# the stream until the sender shuts its side; it answers b"ok" once everything is dropped or written.
floor_src = r"""
import os, queue, socket, sys, threading
folder = sys.argv[1]
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(1)
print(ls.getsockname()[1], flush=True)
blocks = [bytearray(4 << 20) for _ in range(4)]
while True:
    s, _ = ls.accept()
    write = s.recv(1) == b"w"
    path = os.path.join(folder, "floor-%d.bin" % os.getpid())
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600) if write else None
    free, full = queue.Queue(), queue.Queue()
    for b in blocks:
        free.put(b)
    def writer():
        while True:
            item = full.get()
            if item is None:
                return
            b, n = item
            os.write(fd, memoryview(b)[:n])
            free.put(b)
    t = threading.Thread(target=writer)
    t.start()
    while True:
        b = free.get()
        view, n = memoryview(b), 0
        while n < len(b):
            got = s.recv_into(view[n:])
            if got == 0:
                break
            n += got
        if write:
            full.put((b, n))
        else:
            free.put(b)
        if n < len(b):
            break
    full.put(None)
    t.join()
    if fd is not None:
        os.close(fd)
        os.unlink(path)
    s.sendall(b"ok")
    s.close()
"""
floor = subprocess.Popen([sys.executable, "-c", floor_src, shm_dir], stdout=subprocess.PIPE)
floor_port = int(floor.stdout.readline())


def floor_round(mode):
    s = socket.create_connection(("127.0.0.1", floor_port))
    s.sendall(mode)
    f = s.makefile("wb", buffering=0)
    with ipc.new_stream(f, table.schema) as w:
        for b in table.to_batches(max_chunksize=MAX_BATCH_ROWS):
            w.write_batch(b)
    s.shutdown(socket.SHUT_WR)
    assert s.recv(2) == b"ok"
    s.close()


times = {"push": [], "pull": [], "flight": [], "parquet": [], "floor_drop": [], "floor_shm": []}
cpus = {"push": [], "pull": [], "flight": [], "parquet": [], "floor_drop": [], "floor_shm": []}
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

# the floors, in rounds of their own after the others (inside them they changed what the pulls found in memory)
for r in range(rounds + 1):
    _, t_drop, c_drop, s_drop = timed("floor_drop", lambda: floor_round(b"d"), floor.pid)
    _, t_shm, c_shm, s_shm = timed("floor_shm", lambda: floor_round(b"w"), floor.pid)
    if r > 0:
        for k, t, c, sv in (("floor_drop", t_drop, c_drop, s_drop), ("floor_shm", t_shm, c_shm, s_shm)):
            times[k].append(t)
            cpus[k].append([c, sv])
floor.kill()
floor.wait()

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
                  "parquet": times["parquet"], "floor_drop": times["floor_drop"], "floor_shm": times["floor_shm"], "cpu": cpus, "load": os.getloadavg()[0], "rss_before": before, "rss_stalled": during}))
