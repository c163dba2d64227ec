"""numpy reference for `scrawl compress pca`: PCA by the full covariance and numpy.linalg.eigh (float32),
fitted on a dataset file's training images and measured on its validation images, as the mean per-image PSNR
(MAX = 1) of the reconstructions. Prints `RESULT fit_s=<seconds> psnr_db=<dB>` (the fit only: mean,
covariance, eigh, the top components).
    pca_numpy.py DATA.npz [--components 32]
"""
import argparse
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--components", type=int, default=32)
    args = parser.parse_args()
    with np.load(args.data) as z:
        train = z["train_images"].reshape(len(z["train_images"]), -1).astype(np.float32) / 255
        valid = z["valid_images"].reshape(len(z["valid_images"]), -1).astype(np.float32) / 255
    start = time.perf_counter()
    mean = train.mean(axis=0)
    centred = train - mean
    covariance = centred.T @ centred / (len(train) - 1)
    _, vectors = np.linalg.eigh(covariance)
    components = np.ascontiguousarray(vectors[:, ::-1][:, : args.components].T)
    fit = time.perf_counter() - start
    back = (valid - mean) @ components.T @ components + mean
    mse = np.mean((back.astype(np.float64) - valid) ** 2, axis=1)
    psnr = np.mean(10 * np.log10(1 / np.maximum(mse, 1e-30)))
    print(f"RESULT fit_s={fit:.4f} psnr_db={psnr:.4f}")


if __name__ == "__main__":
    main()
