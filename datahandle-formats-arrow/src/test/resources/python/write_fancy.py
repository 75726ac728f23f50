# Writes what pyarrow users produce (narrow and unsigned ints, half floats, dictionary-encoded and large
# strings, large and fixed-size binary, nanosecond and zoned timestamps, date64, decimal256, large and
# fixed-size lists, maps, sliced arrays, several batches, compressed bodies) beside the same values in the
# types DataHandle's Table uses, for the Java side to compare cell by cell.
import datetime
import decimal
import sys

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

out = sys.argv[1]
n = 60
utc = datetime.timezone.utc


def nth(i, k):
    return None if i % k == 0 else i


ints = [nth(i, 7) for i in range(n)]
words = [None if i % 6 == 0 else ["alpha", "βeta", "", "🧬 dna", "x,y"][i % 5] for i in range(n)]
blobs = [None if i % 8 == 0 else bytes([i % 256, 255 - i % 256]) * (i % 3) for i in range(n)]
stamps_ns = [None if i % 9 == 0 else 1_700_000_000_123_456_000 + i * 86_400_000_000_000 - 5_000 * i for i in range(n)]
stamps_us = [None if v is None else v // 1000 for v in stamps_ns]
days = [None if i % 10 == 0 else -5 + i * 400 for i in range(n)]
halves = np.array([0.5 * (i - 20) for i in range(n)], dtype=np.float16)
decs = [None if i % 4 == 0 else decimal.Decimal(i * 1000003 - 30000000).scaleb(-3) for i in range(n)]
decs32 = [None if i % 4 == 1 else decimal.Decimal(i * 1234 - 30000).scaleb(-2) for i in range(n)]
lists = [None if i % 5 == 0 else [j if j % 3 else None for j in range(i % 4)] for i in range(n)]
fixed_lists = [None if i % 5 == 0 else [i, i + 1] for i in range(n)]
maps = [None if i % 7 == 0 else [("k%d" % j, j * i) for j in range(i % 3)] for i in range(n)]
entry = pa.struct([pa.field("key", pa.string(), nullable=False), pa.field("value", pa.int64())])

fancy = pa.table({
    "i8": pa.array([None if v is None else v % 100 - 50 for v in ints], pa.int8()),
    "u8": pa.array([None if v is None else v % 250 for v in ints], pa.uint8()),
    "i16": pa.array([None if v is None else v * 300 - 9000 for v in ints], pa.int16()),
    "u16": pa.array([None if v is None else v * 1000 for v in ints], pa.uint16()),
    "u32": pa.array([None if v is None else v * 70_000_000 for v in ints], pa.uint32()),
    "u64": pa.array([None if v is None else v * 10**15 for v in ints], pa.uint64()),
    "f16": pa.array(halves, pa.float16()),
    "dict": pa.array(words, pa.string()).dictionary_encode(),
    "large": pa.array(words, pa.large_string()),
    "lbin": pa.array(blobs, pa.large_binary()),
    "fbin": pa.array([None if b is None else (b + b"\x00" * 4)[:4] for b in blobs], pa.binary(4)),
    "ts_ns": pa.array(stamps_ns, pa.timestamp("ns", tz="Europe/Paris")),
    "ts_ms": pa.array([None if v is None else v // 1_000_000 for v in stamps_ns], pa.timestamp("ms")),
    "ts_s": pa.array([None if v is None else v // 1_000_000_000 for v in stamps_ns], pa.timestamp("s", tz="UTC")),
    "d64": pa.array([None if d is None else d * 86_400_000 for d in days], pa.date64()),
    "dec256": pa.array(decs, pa.decimal256(40, 3)),
    "dec32": pa.array(decs32, pa.decimal32(7, 2)),
    "dec64": pa.array(decs32, pa.decimal64(15, 2)),
    "llist": pa.array(lists, pa.large_list(pa.int32())),
    "flist": pa.array(fixed_lists, pa.list_(pa.int64(), 2)),
    "map": pa.array(maps, pa.map_(pa.string(), pa.int64())),
    "nulls": pa.array([None] * n, pa.null()),
})

plain = pa.table({
    "i8": pa.array([None if v is None else v % 100 - 50 for v in ints], pa.int32()),
    "u8": pa.array([None if v is None else v % 250 for v in ints], pa.int32()),
    "i16": pa.array([None if v is None else v * 300 - 9000 for v in ints], pa.int32()),
    "u16": pa.array([None if v is None else v * 1000 for v in ints], pa.int32()),
    "u32": pa.array([None if v is None else v * 70_000_000 for v in ints], pa.int64()),
    "u64": pa.array([None if v is None else v * 10**15 for v in ints], pa.int64()),
    "f16": pa.array(halves.astype(np.float32), pa.float32()),
    "dict": pa.array(words, pa.string()),
    "large": pa.array(words, pa.string()),
    "lbin": pa.array(blobs, pa.binary()),
    "fbin": pa.array([None if b is None else (b + b"\x00" * 4)[:4] for b in blobs], pa.binary()),
    "ts_ns": pa.array(stamps_us, pa.timestamp("us", tz="UTC")),
    "ts_ms": pa.array([None if v is None else v // 1_000_000 * 1000 for v in stamps_ns], pa.timestamp("us")),
    "ts_s": pa.array([None if v is None else v // 1_000_000_000 * 1_000_000 for v in stamps_ns],
                     pa.timestamp("us", tz="UTC")),
    "d64": pa.array(days, pa.date32()),
    "dec256": pa.array(decs, pa.decimal256(40, 3)),
    "dec32": pa.array(decs32, pa.decimal128(7, 2)),
    "dec64": pa.array(decs32, pa.decimal128(15, 2)),
    "llist": pa.array(lists, pa.list_(pa.int32())),
    "flist": pa.array(fixed_lists, pa.list_(pa.int64())),
    "map": pa.array(maps, pa.list_(entry)),
    "nulls": pa.array([None] * n, pa.string()),
})

# Sliced: pyarrow writes the slice, with offsets and bitmaps that no longer start at zero.
fancy = fancy.slice(3, 50)
plain = plain.slice(3, 50)

with ipc.new_file(out + "/fancy.arrow", fancy.schema) as w:
    w.write_table(fancy, max_chunksize=11)
with ipc.new_stream(out + "/fancy-zstd.arrows", fancy.schema,
                    options=ipc.IpcWriteOptions(compression="zstd")) as w:
    w.write_table(fancy, max_chunksize=13)
with ipc.new_file(out + "/fancy-lz4.feather", fancy.schema,
                  options=ipc.IpcWriteOptions(compression="lz4")) as w:
    w.write_table(fancy)
with ipc.new_file(out + "/plain.arrow", plain.schema) as w:
    w.write_table(plain)
# Delta dictionaries: the second batch's dictionary extends the first's, and the stream carries only the
# new values.
first = pa.DictionaryArray.from_arrays(pa.array([0, 1, None, 1], pa.int32()), pa.array(["a", "b"]))
second = pa.DictionaryArray.from_arrays(pa.array([2, 0, 3], pa.int32()), pa.array(["a", "b", "c", "d"]))
schema = pa.schema([pa.field("d", first.type)])
with ipc.new_stream(out + "/delta.arrows", schema,
                    options=ipc.IpcWriteOptions(emit_dictionary_deltas=True)) as w:
    w.write_batch(pa.record_batch([first], schema=schema))
    w.write_batch(pa.record_batch([second], schema=schema))
reader = ipc.open_stream(out + "/delta.arrows")
reader.read_all()
assert reader.stats.num_dictionary_deltas == 1, reader.stats
print("ok")
