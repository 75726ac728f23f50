# Reads an Arrow IPC file DataHandle wrote, through a memory map as a zero-copy reader would, and checks:
# full validation, no allocation (every buffer lies in the map, 64-byte aligned), then writes the table back
# with pyarrow's own writers (file, zstd stream in small batches, lz4 stream) for the Java side to compare.
import json
import sys

import pyarrow as pa
import pyarrow.ipc as ipc

path, out_dir = sys.argv[1], sys.argv[2]
before = pa.total_allocated_bytes()
with pa.memory_map(path) as source:
    table = ipc.open_file(source).read_all()
    allocated = pa.total_allocated_bytes() - before
    table.validate(full=True)
    source.seek(0)
    whole = source.read_buffer()  # a view of the same mapping the table uses
    base, size = whole.address, whole.size
    outside, misaligned, checked = [], [], 0

    def visit(array, name):
        global checked
        for i, buf in enumerate(array.buffers()):
            if buf is None or buf.size == 0:
                continue
            checked += 1
            if not (base <= buf.address and buf.address + buf.size <= base + size):
                outside.append(f"{name} buffer {i}")
            elif (buf.address - base) % 64 != 0:
                misaligned.append(f"{name} buffer {i} at {buf.address - base}")

    for name, column in zip(table.column_names, table.columns):
        for chunk in column.chunks:
            visit(chunk, name)

    with ipc.new_file(out_dir + "/pyarrow.arrow", table.schema) as w:
        w.write_table(table)
    opts = ipc.IpcWriteOptions(compression="zstd")
    with ipc.new_stream(out_dir + "/pyarrow-zstd.arrows", table.schema, options=opts) as w:
        w.write_table(table, max_chunksize=7)
    opts = ipc.IpcWriteOptions(compression="lz4")
    with ipc.new_stream(out_dir + "/pyarrow-lz4.arrows", table.schema, options=opts) as w:
        w.write_table(table)
    print(json.dumps({"allocated": allocated, "rows": table.num_rows, "columns": table.num_columns,
                      "buffers": checked, "outside": outside, "misaligned": misaligned,
                      "schema": [str(f.type) for f in table.schema]}))
