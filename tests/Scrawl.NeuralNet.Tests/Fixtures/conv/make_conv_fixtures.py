#!/usr/bin/python3
"""PyTorch reference values for the image layers (Conv2D, MaxPool2D, GlobalAveragePool, BatchNorm2D).

Run once; never regenerate to make a test pass. conv_reference.npz is committed; a failing test means
the C# layers disagree with PyTorch, not that the fixture is stale.

Usage (Debian's python3 with numpy and python3-torch), from the repository root:
    /usr/bin/python3 tests/Scrawl.NeuralNet.Tests/Fixtures/conv/make_conv_fixtures.py

Layout, as Scrawl's layers use it: a batch is [N, C*H*W] (one sample per row, NCHW order within the
row). PyTorch stores conv weights as [out, in, k, k]; Scrawl stores [out, in*k*k] (the same numbers
flattened per filter), so the script reshapes. Inputs, weights and upstream gradients are rounded to
float32 first and the reference is computed in float64 autograd on those exact values.
"""

import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def f32(a):
    return np.asarray(a, dtype=np.float32)


def t64(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=True)


def rows(t):
    """[N, C, H, W] tensor -> [N, C*H*W] numpy float64."""
    return t.detach().numpy().reshape(t.shape[0], -1)


def conv(out, rng):
    n, c, h, w, oc, k = 2, 2, 5, 6, 3, 3
    for stride in (1, 2):
        for pad in (0, 1):
            name = f"conv_s{stride}_p{pad}"
            x = f32(rng.normal(size=(n, c, h, w)))
            wt = f32(rng.normal(scale=0.5, size=(oc, c, k, k)))
            b = f32(rng.normal(size=oc))
            tx, tw, tb = t64(x), t64(wt), t64(b)
            y = torch.nn.functional.conv2d(tx, tw, tb, stride=stride, padding=pad)
            g = f32(rng.normal(size=tuple(y.shape)))
            y.backward(torch.tensor(g, dtype=torch.float64))
            out.update({
                f"{name}_x": x.reshape(n, -1), f"{name}_w": wt.reshape(oc, -1), f"{name}_b": b,
                f"{name}_g": g.reshape(n, -1), f"{name}_y": rows(y), f"{name}_dx": rows(tx.grad),
                f"{name}_dw": tw.grad.numpy().reshape(oc, -1), f"{name}_db": tb.grad.numpy(),
            })


def distinct(rng, shape):
    """Values with no ties (a random permutation of a 0.125-spaced ramp), so every max is unique."""
    count = int(np.prod(shape))
    return f32((rng.permutation(count) - count / 2) * 0.125).reshape(shape)


def pools(out, rng):
    n, c, h, w = 2, 2, 5, 6
    for k, stride in ((2, 2), (3, 1), (3, 2)):
        name = f"maxpool_k{k}_s{stride}"
        x = distinct(rng, (n, c, h, w))
        tx = t64(x)
        y = torch.nn.functional.max_pool2d(tx, k, stride)
        g = f32(rng.normal(size=tuple(y.shape)))
        y.backward(torch.tensor(g, dtype=torch.float64))
        out.update({f"{name}_x": x.reshape(n, -1), f"{name}_g": g.reshape(n, -1),
                    f"{name}_y": rows(y), f"{name}_dx": rows(tx.grad)})

    x = f32(rng.normal(size=(n, 3, h, w)))
    tx = t64(x)
    y = tx.mean(dim=(2, 3))
    g = f32(rng.normal(size=(n, 3)))
    y.backward(torch.tensor(g, dtype=torch.float64))
    out.update(gap_x=x.reshape(n, -1), gap_g=g, gap_y=y.detach().numpy(), gap_dx=rows(tx.grad))


def batchnorm(out, rng):
    """One training step of BatchNorm2d (eps 1e-5, momentum 0.1, running stats from 0 and 1), then eval."""
    n, c, h, w = 4, 3, 4, 5
    x = f32(rng.normal(loc=1.0, scale=2.0, size=(n, c, h, w)))
    gamma, beta = f32(rng.normal(loc=1.0, scale=0.3, size=c)), f32(rng.normal(size=c))
    bn = torch.nn.BatchNorm2d(c, eps=1e-5, momentum=0.1).double()
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(gamma, dtype=torch.float64))
        bn.bias.copy_(torch.tensor(beta, dtype=torch.float64))
    tx = t64(x)
    bn.train()
    y = bn(tx)
    g = f32(rng.normal(size=tuple(y.shape)))
    y.backward(torch.tensor(g, dtype=torch.float64))
    bn.eval()
    with torch.no_grad():
        y_eval = bn(torch.tensor(x, dtype=torch.float64))
    out.update(bn_x=x.reshape(n, -1), bn_gamma=gamma, bn_beta=beta, bn_g=g.reshape(n, -1),
               bn_y=rows(y), bn_dx=rows(tx.grad), bn_dgamma=bn.weight.grad.numpy(),
               bn_dbeta=bn.bias.grad.numpy(), bn_running_mean=bn.running_mean.numpy(),
               bn_running_var=bn.running_var.numpy(), bn_y_eval=rows(y_eval))


if __name__ == "__main__":
    rng = np.random.default_rng(2024)
    torch.manual_seed(2024)
    out = {}
    conv(out, rng)
    pools(out, rng)
    batchnorm(out, rng)
    np.savez(os.path.join(HERE, "conv_reference.npz"), **out)
    print("wrote", os.path.join(HERE, "conv_reference.npz"), "with", len(out), "arrays")
