# The Python side of the Arrow exchange benchmark, on the table DataHandle wrote to shared memory:
# pyarrow's own IPC writer on the same table (to shared memory), pyarrow mapping and reading our file
# (time and bytes allocated), and pyarrow reading the same table from Parquet on disk, for scale.
import json
import os
import statistics
import sys
import time

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

ours, shm_dir, disk_dir, iterations = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def best_of(n, fn):
    times = []
    for _ in range(n + 1):  # one warm-up
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times[1:]), statistics.median(times[1:])


# map and read our file: time and allocation, checked in full once (untimed)
allocated = []


def map_and_read():
    before = pa.total_allocated_bytes()
    with pa.memory_map(ours) as source:
        t = ipc.open_file(source).read_all()
        allocated.append(pa.total_allocated_bytes() - before)
        return t


read_best, read_median = best_of(max(iterations, 10), map_and_read)
with pa.memory_map(ours) as source:
    table = ipc.open_file(source).read_all()
    table.validate(full=True)
    # pyarrow's writer gets the table in its own memory, as a Python producer would hold it
    table = table.combine_chunks()

    out = os.path.join(shm_dir, "pyarrow.arrow")

    def write():
        with ipc.new_file(out, table.schema) as w:
            w.write_table(table, max_chunksize=1 << 20)

    write_best, write_median = best_of(iterations, write)
    os.remove(out)

    parquet = os.path.join(disk_dir, "exchange.parquet")
    pq.write_table(table, parquet, compression="snappy")
    parquet_best, parquet_median = best_of(iterations, lambda: pq.read_table(parquet))
    parquet_bytes = os.path.getsize(parquet)
    os.remove(parquet)

print(json.dumps({
    "rows": table.num_rows, "bytes": os.path.getsize(ours),
    "read_best": read_best, "read_median": read_median, "read_allocated_max": max(allocated),
    "write_best": write_best, "write_median": write_median,
    "parquet_best": parquet_best, "parquet_median": parquet_median, "parquet_bytes": parquet_bytes,
    "pyarrow": pa.__version__,
}))
