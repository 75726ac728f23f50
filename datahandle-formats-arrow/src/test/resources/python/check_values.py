# Reads the one-row file of known values DataHandle wrote and compares each cell with what Python expects.
import datetime
import decimal
import json
import sys

import pyarrow as pa
import pyarrow.ipc as ipc

table = ipc.open_file(pa.memory_map(sys.argv[1])).read_all()
row = table.to_pylist()[0]
utc = datetime.timezone.utc
expected = {
    "b": True,
    "i32": -2147483648,
    "i64": 9007199254740993,
    "f32": 1.5,
    "f64": -0.1,
    "s": "héllo 🧬",
    "d": datetime.date(1969, 12, 31),
    "ts": datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=utc),
    "tsl": datetime.datetime(1900, 1, 1, 0, 0, 0, 1),
    "dec": decimal.Decimal("-12345.67"),
    "wide": decimal.Decimal("1234567890123456789012345678901234567890.12"),
    "bin": b"\x00\xffab",
    "lst": [1, None, 3],
    "st": {"id": 7, "name": None},
    "nul": None,
}
types = {f.name: str(f.type) for f in table.schema}
problems = [f"{k}: got {row[k]!r} ({types[k]}), expected {v!r}" for k, v in expected.items() if row[k] != v]
print(json.dumps({"problems": problems, "types": types}))
