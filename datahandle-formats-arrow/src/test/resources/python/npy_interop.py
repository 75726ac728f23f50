# numpy against our .npy files: map ours read-only without a copy and check its values; write arrays of
# every dtype, byte order and memory order the Java side reads, with their values as JSON.
import json
import sys

import numpy as np

ours, out_dir = sys.argv[1], sys.argv[2]
m = np.load(ours, mmap_mode="r")
with open(ours, "rb") as f:
    major = f.read(8)[6]
    header_len = int.from_bytes(f.read(2), "little")
report = {
    "memmap": isinstance(m, np.memmap),
    "owndata": bool(m.flags["OWNDATA"]),
    "dtype": str(m.dtype),
    "shape": list(m.shape),
    "c_order": bool(m.flags["C_CONTIGUOUS"]),
    "data_offset": 10 + header_len,
    "values": [[None if np.isnan(v) else float(v) for v in row] for row in np.asarray(m)],
}

rng = np.random.default_rng(7)
arrays = {
    "f8": rng.normal(size=(5, 3)),
    "f4": rng.normal(size=(4, 2)).astype("<f4"),
    "f2": np.array([[0.5, -2.0], [65504.0, 1e-4]], dtype="<f2"),
    "i1": np.array([[-128, 127], [0, -1]], dtype="i1"),
    "i2": np.array([[-32768, 32767]], dtype="<i2"),
    "i4": np.arange(12, dtype="<i4").reshape(4, 3) - 5,
    "i8": np.array([[2**62, -(2**62)]], dtype="<i8"),
    "u1": np.array([[255, 0]], dtype="u1"),
    "u2": np.array([[65535, 1]], dtype="<u2"),
    "u4": np.array([[4294967295, 7]], dtype="<u4"),
    "u8": np.array([[2**63 - 1, 3]], dtype="<u8"),
    "b1": np.array([[True, False], [False, True]]),
    "big": np.arange(6, dtype=">f8").reshape(2, 3),
    "fortran": np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3) * 1.5),
    "vector": np.arange(4, dtype="<i8"),
    "nan": np.array([[1.0, np.nan]]),
}
expected = {}
for name, a in arrays.items():
    np.save(f"{out_dir}/{name}.npy", a)
    rows = a.reshape(a.shape[0], -1) if a.ndim == 2 else a.reshape(-1, 1)
    expected[name] = {"dtype": a.dtype.str, "values": [[None if isinstance(v, float) and v != v else v
                                                        for v in row] for row in rows.tolist()]}
for version in [(2, 0), (3, 0)]:
    name = "v%d" % version[0]
    a = np.arange(6, dtype="<f8").reshape(3, 2) / 4
    with open(f"{out_dir}/{name}.npy", "wb") as f:
        np.lib.format.write_array(f, a, version=version)
    expected[name] = {"dtype": a.dtype.str, "values": a.tolist()}
report["expected"] = expected
print(json.dumps(report))
