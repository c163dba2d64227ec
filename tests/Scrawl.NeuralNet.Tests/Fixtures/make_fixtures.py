#!/usr/bin/python3
"""Generates the test fixtures in this folder (npy/npz files and reference values).

Run once; never regenerate to make a test pass. The fixtures are committed; a failing test means
the C# code disagrees with numpy/PyTorch, not that the fixtures are stale.

Usage (Debian python with numpy and torch):
    /usr/bin/python3 tests/Scrawl.NeuralNet.Tests/Fixtures/make_fixtures.py
from the repository root. Needs ../shared/models/nist36-mlp-reference.npz for the parity fixture.
"""

import os
import struct
import zipfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REFERENCE_NPZ = os.path.join(REPO, "..", "shared", "models", "nist36-mlp-reference.npz")


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


def reference_parity():
    ref = np.load(REFERENCE_NPZ)
    rng = np.random.default_rng(20240611)
    x = rng.uniform(0.0, 1.0, size=(20, 1024))
    x[:5] = np.round(x[:5])  # a few binary-looking rows too
    x = x.astype(np.float32).astype(np.float64)  # exactly representable in the C# float32 input
    h = 1.0 / (1.0 + np.exp(-(x @ ref["Wlayer1"] + ref["blayer1"])))
    z = h @ ref["Woutput"] + ref["boutput"]
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    save_npy("reference_inputs.npy", x.astype(np.float32))
    save_npy("reference_probs.npy", p)


def f32(a):
    """float64 values that are exactly float32 (our engine's precision)."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def layer_reference():
    torch.manual_seed(1234)
    rng = np.random.default_rng(1234)
    out = {}

    def tensor(a):
        return torch.tensor(a, dtype=torch.float64, requires_grad=True)

    # Dense: y = x·W + b with W stored inputs × outputs.
    x, w, b = f32(rng.normal(size=(5, 4))), f32(rng.normal(size=(4, 3))), f32(rng.normal(size=3))
    g = f32(rng.normal(size=(5, 3)))
    tx, tw, tb = tensor(x), tensor(w), tensor(b)
    y = tx @ tw + tb
    y.backward(torch.tensor(g))
    out.update(dense_x=x, dense_w=w, dense_b=b, dense_g=g, dense_y=y.detach().numpy(),
               dense_dx=tx.grad.numpy(), dense_dw=tw.grad.numpy(), dense_db=tb.grad.numpy())

    # Element-wise activations and row softmax: input x, upstream gradient g.
    for name, fn in [("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("relu", torch.relu),
                     ("softmax", lambda t: torch.softmax(t, dim=1))]:
        x = f32(rng.normal(scale=2.0, size=(5, 6)))
        if name == "relu":
            x = np.where(np.abs(x) < 0.1, np.sign(x + 1e-12) * 0.5, x)  # keep away from the kink
        g = f32(rng.normal(size=(5, 6)))
        tx = tensor(x)
        y = fn(tx)
        y.backward(torch.tensor(g))
        out.update({f"{name}_x": x, f"{name}_g": g, f"{name}_y": y.detach().numpy(), f"{name}_dx": tx.grad.numpy()})

    # Softmax + cross-entropy on logits, one-hot targets, summed over the batch.
    z = f32(rng.normal(scale=2.0, size=(5, 6)))
    labels = np.array([0, 3, 5, 1, 3])
    t = np.eye(6)[labels]
    tz = tensor(z)
    loss = torch.nn.functional.cross_entropy(tz, torch.tensor(labels), reduction="sum")
    loss.backward()
    out.update(xent_z=z, xent_t=t, xent_loss=np.array([loss.item()]), xent_dz=tz.grad.numpy())

    # Squared error: L = Σ (o − t)², summed over the batch.
    o, t = f32(rng.normal(size=(5, 3))), f32(rng.normal(size=(5, 3)))
    to = tensor(o)
    loss = ((to - torch.tensor(t)) ** 2).sum()
    loss.backward()
    out.update(sq_o=o, sq_t=t, sq_loss=np.array([loss.item()]), sq_do=to.grad.numpy())

    np.savez(path("layer_reference.npz"), **out)


if __name__ == "__main__":
    valid_arrays()
    hostile_arrays()
    reference_parity()
    layer_reference()
    print("fixtures written to", HERE)
