"""PyTorch (CPU, float32) counterpart of `scrawl bench cnn`: the same network, loss, optimiser,
batch size and data source, timed the same way (training passes of all epochs; the validation pass
after each epoch is not timed).

  Conv2d(1->16, 3, pad 1) + ReLU + MaxPool2d(2)
  Conv2d(16->32, 3, pad 1) + ReLU + MaxPool2d(2)
  global average pool -> Linear(32 -> 10)
  softmax cross-entropy (mean over the batch), Adam lr 1e-3, batch 64, reshuffled every epoch

Initialisation as Scrawl's: conv weights He-uniform U[-a, a], a = sqrt(6 / (C*k*k)); dense weights
Xavier-uniform; zero biases (the values differ: another generator). Data: mnist-10k's IDX files
(../shared/datasets/mnist-10k), ink high in [0, 1], split 80/10/10 per class with a seeded shuffle
into the same sizes as Scrawl's split (8,002 / 999 / 999), not the same samples.

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/torch_cnn.py \
        [--epochs 3] [--batch 64] [--lr 1e-3] [--seed 0] [--limit 0] [--threads 2]

Ends with `RESULT ... train_s=<seconds> samples_per_s=<value>`.
"""
import argparse
import gzip
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, seed):
    x = read_idx(os.path.join(folder, "images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    y = read_idx(os.path.join(folder, "labels-idx1-ubyte.gz")).astype(np.int64)
    rng = np.random.default_rng(seed)
    train, valid = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        n_eval = int(round(len(idx) * 0.1))
        valid.extend(idx[:n_eval])
        train.extend(idx[2 * n_eval:])
    train, valid = np.array(sorted(train)), np.array(sorted(valid))
    return x[train], y[train], x[valid], y[valid]


class Net(torch.nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = torch.nn.Conv2d(16, 32, 3, padding=1)
        self.fc = torch.nn.Linear(32, classes)
        with torch.no_grad():
            for conv in (self.conv1, self.conv2):
                fan_in = conv.in_channels * 9
                a = math.sqrt(6.0 / fan_in)
                conv.weight.uniform_(-a, a)
                conv.bias.zero_()
            a = math.sqrt(6.0 / (32 + classes))
            self.fc.weight.uniform_(-a, a)
            self.fc.bias.zero_()

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.mean(dim=(2, 3)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "datasets", "mnist-10k"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    print(f"torch={torch.__version__} threads={torch.get_num_threads()}", flush=True)

    train_x, train_y, valid_x, valid_y = load(args.data, args.seed)
    if 0 < args.limit < len(train_y):
        train_x, train_y = train_x[:args.limit], train_y[:args.limit]
    n = len(train_y)
    classes = int(max(train_y.max(), valid_y.max())) + 1
    tx = torch.from_numpy(train_x).reshape(n, 1, 28, 28)
    ty = torch.from_numpy(train_y)
    vx = torch.from_numpy(valid_x).reshape(len(valid_y), 1, 28, 28)
    vy = torch.from_numpy(valid_y)
    print(f"data: train {n}, valid {len(vy)}, {classes} classes", flush=True)

    model = Net(classes)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    rng = np.random.default_rng(args.seed + 1)
    B = args.batch
    total = 0.0
    for epoch in range(args.epochs):
        start = time.perf_counter()
        model.train()
        perm = torch.from_numpy(rng.permutation(n))
        total_loss = torch.zeros((), dtype=torch.float64)
        correct = torch.zeros((), dtype=torch.int64)
        for s in range(0, n, B):
            idx = perm[s:s + B]
            xb, yb = tx[idx], ty[idx]
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            with torch.no_grad():
                total_loss += loss.detach() * len(yb)
                correct += (logits.argmax(dim=1) == yb).sum()
        total_loss = total_loss.item()
        correct = correct.item()
        seconds = time.perf_counter() - start
        total += seconds
        model.eval()
        with torch.no_grad():
            vacc = (model(vx).argmax(dim=1) == vy).float().mean().item()
        print(f"epoch {epoch + 1:3d}  train_loss {total_loss / n:.5f}  train_acc {correct / n:.4f}"
              f"  valid_acc {vacc:.4f}  {seconds:.3f} s  {n / seconds:8.0f} samples/s", flush=True)
    print(f"RESULT torch_cnn epochs={args.epochs} batch={B} train_s={total:.3f}"
          f" samples_per_s={n * args.epochs / total:.1f}", flush=True)


if __name__ == "__main__":
    main()
