#!/usr/bin/python3
"""Generates the reference-value fixtures in this folder (npy/npz files). The npy format fixtures
(valid and hostile files) live with the reader in tests/Scrawl.Numerics.Tests/Fixtures/make_npy_fixtures.py.

Run once; never regenerate to make a test pass. The fixtures are committed; a failing test means
the C# code disagrees with numpy/PyTorch, not that the fixtures are stale.

Usage (Debian python with numpy and torch):
    /usr/bin/python3 tests/Scrawl.NeuralNet.Tests/Fixtures/make_fixtures.py
from the repository root. Needs ../shared/models/nist36-mlp-reference.npz for the parity fixture.
"""

import os
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
    reference_parity()
    layer_reference()
    print("fixtures written to", HERE)
