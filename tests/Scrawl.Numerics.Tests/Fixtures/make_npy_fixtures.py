#!/usr/bin/python3
"""Generates the .npy/.npz format fixtures in this folder (valid arrays and hostile files).

Run once; never regenerate to make a test pass. The fixtures are committed; a failing test means
the C# reader disagrees with numpy, not that the fixtures are stale.

Usage (Debian python with numpy):
    /usr/bin/python3 tests/Scrawl.Numerics.Tests/Fixtures/make_npy_fixtures.py
from the repository root. (Moved here with the npy code from tests/Scrawl.NeuralNet.Tests/Fixtures.)
"""

import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def save_npy(name, array, version=None):
    with open(path(name), "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=True)


def raw_npy(name, header, payload=b"", version=(1, 0)):
    """Writes an .npy by hand (for hostile headers numpy would refuse to write)."""
    header = header.encode("latin1")
    prefix_len = 6 + 2 + (2 if version[0] == 1 else 4)
    total = prefix_len + len(header) + 1
    pad = (64 - total % 64) % 64
    header = header + b" " * pad + b"\n"
    with open(path(name), "wb") as f:
        f.write(b"\x93NUMPY" + bytes(version))
        f.write(struct.pack("<H" if version[0] == 1 else "<I", len(header)))
        f.write(header)
        f.write(payload)


def valid_arrays():
    # Values are exact in float32 where the dtype is float32, so the C# test can compare exactly.
    save_npy("f4_1d.npy", (np.arange(7, dtype=np.float32) - 3) * 0.5)
    save_npy("f8_2d.npy", np.arange(12, dtype=np.float64).reshape(3, 4) / 8.0)
    save_npy("f4_3d_v2.npy", np.arange(24, dtype=np.float32).reshape(2, 3, 4) * 0.25, version=(2, 0))
    save_npy("f8_1d_v3.npy", np.array([1.5, -2.25, 1e-3], dtype=np.float64), version=(3, 0))
    save_npy("f8_scalar.npy", np.array(2.5, dtype=np.float64))
    save_npy("f4_empty.npy", np.zeros((0, 3), dtype=np.float32))
    save_npy("i8_labels.npy", np.array([0, 5, 35, 2, 9], dtype=np.int64))
    save_npy("i4_labels.npy", np.array([[1, -2], [3, 40000]], dtype=np.int32))
    save_npy("u1_labels.npy", np.array([0, 1, 255, 7], dtype=np.uint8))
    arrays = {
        "weights": np.arange(6, dtype=np.float32).reshape(2, 3),
        "bias": np.array([0.5, -0.5], dtype=np.float64),
        "labels": np.array([3, 1, 4], dtype=np.int64),
    }
    np.savez(path("arrays_stored.npz"), **arrays)
    np.savez_compressed(path("arrays_deflated.npz"), **arrays)


def hostile_arrays():
    good = np.arange(12, dtype=np.float32).reshape(3, 4)
    save_npy("fortran_order.npy", np.asfortranarray(good))
    save_npy("big_endian.npy", good.astype(">f4"))
    save_npy("unsupported_dtype.npy", np.arange(4, dtype=np.float16))
    save_npy("object_array.npy", np.array([{"a": 1}, None], dtype=object))
    with open(path("f4_1d.npy"), "rb") as f:
        data = f.read()
    with open(path("truncated_data.npy"), "wb") as f:
        f.write(data[:-5])
    with open(path("truncated_header.npy"), "wb") as f:
        f.write(data[:30])
    with open(path("bad_magic.npy"), "wb") as f:
        f.write(b"\x93NUMPX" + data[6:])
    raw_npy("absurd_shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }",
            b"\0" * 64)
    raw_npy("negative_shape.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 2), }")
    raw_npy("missing_descr.npy", "{'fortran_order': False, 'shape': (2,), }", b"\0" * 8)
    raw_npy("bad_version.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", b"\0" * 8,
            version=(9, 0))
    # An npz whose second array is big-endian: the error must name that array.
    np.savez(path("npz_bad_entry.npz"), ok=good, wrong=good.astype(">f8"))
    with open(path("arrays_stored.npz"), "rb") as f:
        data = f.read()
    with open(path("truncated.npz"), "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    valid_arrays()
    hostile_arrays()
    print("fixtures written to", HERE)
