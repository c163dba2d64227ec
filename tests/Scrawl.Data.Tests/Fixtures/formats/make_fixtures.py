#!/usr/bin/python3
# Generates the small MAT v5 and IDX fixtures used by tests/Scrawl.Data.Tests/Formats.
#
# RUN ONCE (already done; the outputs are committed). Never regenerate to make a test pass:
# the tests assert facts written down here, and a changed fixture hides a changed reader.
# Needs Debian's python with numpy + scipy: /usr/bin/python3 make_fixtures.py (writes next to itself).
#
# Files written by scipy.io.savemat are what real data looks like; the hand-written ones
# (small helper `mat_file` below) cover what scipy never writes: big-endian files, a double
# array stored as miUINT8 (MATLAB does this), and hostile headers.
import gzip
import os
import struct
import zlib

import numpy as np
import scipy.io as sio
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- MAT, via scipy
def dtype_vars():
    base = np.array([[1, 2, 3], [4, 5, 6]])  # 2×3; column-major on disk: 1 4 2 5 3 6
    return {
        "f64": base.astype(np.float64) + 0.5,
        "f32": base.T.astype(np.float32) / 4,  # 3×2
        "u8": base.astype(np.uint8) * 40,
        "i8": -base.astype(np.int8),
        "i16": base.astype(np.int16) * -1000,
        "u16": base.astype(np.uint16) * 10000,
        "i32": base.astype(np.int32) * -100000,
        "u32": base.astype(np.uint32) * 700000000,
        "i64": base.astype(np.int64) * -(10 ** 12),
        "u64": base.astype(np.uint64) * (10 ** 15),
        "cube": np.arange(24, dtype=np.float64).reshape(2, 3, 4),  # value = row-major index
        "one": np.array([[7]], dtype=np.int16),  # 2 data bytes: small element format
        "empty": np.zeros((0, 3)),
        "a_long_variable_name": np.array([[1.0, -1.0]]),
    }


sio.savemat(path("dtypes.mat"), dtype_vars(), do_compression=False)
sio.savemat(path("dtypes_compressed.mat"), dtype_vars(), do_compression=True)

cell = np.empty((1, 2), dtype=object)
cell[0, 0] = np.array([[1.0]])
cell[0, 1] = "x"
sio.savemat(path("skipped.mat"), {
    "cellvar": cell,
    "structvar": {"a": np.array([[1.0]])},
    "charvar": "hello",
    "sparsevar": sp.csc_matrix(np.eye(3)),
    "complexvar": np.array([[1 + 2j, 3]]),
    "boolvar": np.array([[True, False, True]]),
    "kept": np.array([[1.0, 2.0, 3.0]]),
}, do_compression=False)


# ---------------------------------------------------------------- NIST36 fakes
def upright_image(label, sample):
    """Scrawl convention (ink 1, upright): marker at row 2 / col 5, label pixel on row 30,
    a grey pixel at row 10 / col 20, and the sample number on row 31."""
    u = np.zeros((32, 32))
    u[2, 5] = 1.0
    u[30, label % 32] = 1.0
    if label >= 32:
        u[29, label - 32] = 1.0
    u[10, 20] = 0.5
    u[31, sample % 32] = 1.0
    return u


def nist36(count):
    labels = np.arange(count) % 36
    data = np.stack([(1.0 - upright_image(int(k), i)).T.flatten() for i, k in enumerate(labels)])
    onehot = np.zeros((count, 36))
    onehot[np.arange(count), labels] = 1.0
    return data, onehot


for split, count in (("train", 108), ("valid", 36), ("test", 72)):
    d, y = nist36(count)
    os.makedirs(path("nist36"), exist_ok=True)
    sio.savemat(path(f"nist36/nist36_{split}.mat"), {f"{split}_data": d, f"{split}_labels": y}, do_compression=True)

d, y = nist36(2)
sio.savemat(path("nist36_tiny_plain.mat"), {"train_data": d, "train_labels": y}, do_compression=False)
y_bad = y.copy()
y_bad[1, 3] = 1.0  # sample 1 now has two ones
sio.savemat(path("nist36_bad_onehot.mat"), {"train_data": d, "train_labels": y_bad}, do_compression=True)


# ---------------------------------------------------------------- MAT, hand-written
MI = {"i8": 1, "u8": 2, "i16": 3, "u16": 4, "i32": 5, "u32": 6, "f32": 7, "f64": 9, "i64": 12, "u64": 13}
FMT = {"i8": "b", "u8": "B", "i16": "h", "u16": "H", "i32": "i", "u32": "I", "f32": "f", "f64": "d", "i64": "q", "u64": "Q"}
MI_MATRIX, MI_COMPRESSED = 14, 15


def element(e, mi, payload, small_ok=True):
    if small_ok and len(payload) <= 4:
        return struct.pack(e + "I", (len(payload) << 16) | mi) + payload + b"\0" * (4 - len(payload))
    pad = (-len(payload)) % 8
    return struct.pack(e + "II", mi, len(payload)) + payload + b"\0" * pad


def matrix(e, name, mx_class, dims, stored, values_colmajor):
    body = element(e, 6, struct.pack(e + "II", mx_class, 0), small_ok=False)
    body += element(e, 5, struct.pack(e + f"{len(dims)}i", *dims), small_ok=False)
    body += element(e, 1, name.encode("ascii"))
    body += element(e, MI[stored], struct.pack(e + f"{len(values_colmajor)}" + FMT[stored], *values_colmajor))
    return struct.pack(e + "II", MI_MATRIX, len(body)) + body


def header(e, version=0x0100):
    text = b"MATLAB 5.0 MAT-file, written by make_fixtures.py".ljust(116, b" ")
    mark = b"IM" if e == "<" else b"MI"
    return text + b"\0" * 8 + struct.pack(e + "H", version) + mark


def mat_file(e, elements, version=0x0100):
    return header(e, version) + b"".join(elements)


def compressed(e, elem):
    z = zlib.compress(elem)
    return struct.pack(e + "II", MI_COMPRESSED, len(z)) + z


# big-endian: a 2×3 double (1..6 row-major) stored as miDOUBLE, an int32 stored as miINT16, one compressed
vals = [1, 4, 2, 5, 3, 6]
write("bigendian.mat", mat_file(">", [
    matrix(">", "d", 6, [2, 3], "f64", vals),
    matrix(">", "narrow", 12, [1, 3], "i16", [-1, 300, -32768]),
    compressed(">", matrix(">", "z", 7, [3, 1], "f32", [0.25, 0.5, 0.75])),
]))

# MATLAB-style downcasting: class double stored as miUINT8 / miINT8, uint16 stored as miUINT8
write("downcast.mat", mat_file("<", [
    matrix("<", "dbl_as_u8", 6, [2, 3], "u8", vals),
    matrix("<", "dbl_as_i8", 6, [1, 2], "i8", [-5, 7]),
    compressed("<", matrix("<", "u16_as_u8", 11, [1, 4], "u8", [0, 1, 254, 255])),
]))

ok = matrix("<", "x", 6, [2, 3], "f64", vals)
# miCOMPRESSED claiming 2^31-1 bytes
write("bad_compressed_length.mat", mat_file("<", [struct.pack("<II", MI_COMPRESSED, 2 ** 31 - 1) + b"\x78\x9c" + b"\0" * 30]))
# zlib garbage inside a miCOMPRESSED element
write("bad_zlib.mat", mat_file("<", [struct.pack("<II", MI_COMPRESSED, 24) + b"\x78\x9c" + bytes(range(200, 222))]))
# dims 1000000 × 1000000 (10^12 elements) with 6 values present
write("bad_huge_dims.mat", mat_file("<", [matrix("<", "huge", 6, [1000000, 1000000], "f64", vals)]))
# dims 2×3 but only 5 values stored
write("bad_count.mat", mat_file("<", [matrix("<", "x", 6, [2, 3], "f64", vals[:5])]))
# v7.3 (HDF5) version word, and a truncated file
write("bad_version.mat", mat_file("<", [ok], version=0x0200))
write("bad_truncated.mat", mat_file("<", [ok])[:-20])


# ---------------------------------------------------------------- IDX
def idx(code, fmt, arr):
    arr = np.asarray(arr)
    head = bytes([0, 0, code, arr.ndim]) + struct.pack(">" + "I" * arr.ndim, *arr.shape)
    return head + arr.astype(">" + fmt).tobytes()


# 5 images of 4 rows × 3 columns: image n has value 10·n + (3·r + c) at (r, c); 0 and 255 appear too.
imgs = np.array([[[10 * n + 3 * r + c for c in range(3)] for r in range(4)] for n in range(5)], dtype=np.uint8)
imgs[4, 3, 2] = 255
labels = np.array([3, 0, 9, 1, 3], dtype=np.uint8)
write("tiny-images-idx3-ubyte", idx(0x08, "u1", imgs))
write("tiny-labels-idx1-ubyte", idx(0x08, "u1", labels))
with gzip.GzipFile(path("tiny-images-idx3-ubyte.gz"), "wb", mtime=0) as f:
    f.write(idx(0x08, "u1", imgs))
with gzip.GzipFile(path("tiny-labels-idx1-ubyte.gz"), "wb", mtime=0) as f:
    f.write(idx(0x08, "u1", labels))

os.makedirs(path("idxfolder"), exist_ok=True)
write("idxfolder/train-images-idx3-ubyte", idx(0x08, "u1", imgs))
with gzip.GzipFile(path("idxfolder/train-labels-idx1-ubyte.gz"), "wb", mtime=0) as f:
    f.write(idx(0x08, "u1", labels))
write("idxfolder/t10k-images.idx3-ubyte", idx(0x08, "u1", imgs[:2]))
write("idxfolder/t10k-labels.idx1-ubyte", idx(0x08, "u1", labels[:2]))

write("types-i8.idx", idx(0x09, "i1", np.array([-128, -1, 0, 127])))
write("types-i16.idx", idx(0x0B, "i2", np.array([[-32768, 1], [2, 32767]])))
write("types-i32.idx", idx(0x0C, "i4", np.array([-2147483648, 0, 2147483647])))
write("types-f32.idx", idx(0x0D, "f4", np.array([0.5, -1.25, 3e10])))
write("types-f64.idx", idx(0x0E, "f8", np.array([[1e-300], [-2.5]])))

write("bad-magic.idx", b"\x01\x00\x08\x01" + struct.pack(">I", 2) + b"\x01\x02")
write("bad-type.idx", b"\x00\x00\x07\x01" + struct.pack(">I", 2) + b"\x01\x02")
write("bad-huge.idx", b"\x00\x00\x08\x02" + struct.pack(">II", 1000000, 1000000) + b"\x01\x02")
write("bad-truncated.idx", idx(0x08, "u1", imgs)[:-7])
write("bad-trailing.idx", idx(0x08, "u1", labels) + b"\x00")
write("bad-labels-count-idx1-ubyte", idx(0x08, "u1", labels[:4]))
write("bad-labels-range-idx1-ubyte", idx(0x08, "u1", np.array([3, 0, 10, 1, 3], dtype=np.uint8)))
with gzip.GzipFile(path("bad-truncated.gz"), "wb", mtime=0) as f:
    f.write(idx(0x08, "u1", imgs))
with open(path("bad-truncated.gz"), "rb") as f:
    gz = f.read()
write("bad-truncated.gz", gz[:-12])
