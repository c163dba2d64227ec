# Run once; never regenerate a golden to make a test pass.
#
# Makes the small fixtures the Scrawl.Imaging tests compare against, with Debian's scikit-image
# (apt-get install -y python3-skimage; run with /usr/bin/python3). Generated with scikit-image
# 0.19.3, scipy 1.10.1, numpy 1.24.2. Grey inputs are float32 values; skimage is given them as
# float64 so its outputs carry no float32 rounding of its own.
import numpy as np
import scipy.ndimage as ndi
import skimage
from skimage import filters, measure, morphology

H, W = 24, 32
rng = np.random.default_rng(20240601)


def save(name, array):
    np.save(name, array)


# Inputs -------------------------------------------------------------------------------------
# A random smooth image in [0, 1].
smooth = ndi.gaussian_filter(rng.random((H, W)), 2.0)
smooth = ((smooth - smooth.min()) / (smooth.max() - smooth.min())).astype(np.float32)

# A synthetic page: uneven paper (a brightness ramp plus a soft shadow) with dark strokes.
yy, xx = np.mgrid[0:H, 0:W].astype(np.float64)
paper = 0.55 + 0.35 * xx / (W - 1) - 0.15 * np.exp(-((yy - 18) ** 2 + (xx - 6) ** 2) / 60.0)
ink = np.zeros((H, W))
ink[5:7, 3:28] = 1                       # a horizontal stroke
ink[4:20, 9:11] = 1                      # a vertical stroke
for t in range(12):                      # a diagonal stroke
    ink[8 + t, 16 + t] = 1
    ink[8 + t, 17 + t] = 1
ink[14:18, 26:30] = 1                    # a blob
page = paper * (1 - 0.7 * ink) + 0.03 * rng.standard_normal((H, W))
page = np.clip(page, 0, 1).astype(np.float32)

# A binary pattern: touching rectangles, diagonal-only contacts, a ring with a hole, specks.
blobs = np.zeros((H, W), dtype=bool)
blobs[2:6, 2:9] = True
blobs[5:10, 8:11] = True                 # touches the first along an edge
blobs[10, 11] = True                     # touches the second only at a corner
blobs[11, 12] = True                     # a diagonal chain
blobs[12, 13] = True
blobs[3:12, 20:29] = True
blobs[5:10, 22:27] = False               # a ring
blobs[7, 24] = True                      # a dot inside the hole
blobs[15:22, 3:6] = True
blobs[18, 6:15] = True                   # a thin bar
blobs[20, 20] = True                     # specks
blobs[21, 21] = True
blobs[0, 31] = True                      # corner pixels
blobs[23, 0] = True
blobs[14:24, 28:32] = True               # touching the border

save("smooth.npy", smooth)
save("page.npy", page)
save("blobs.npy", blobs.astype(np.uint8))

smooth64, page64 = smooth.astype(np.float64), page.astype(np.float64)

# Gaussian blur (mode 'nearest', truncate 4) -------------------------------------------------
save("blur_smooth_s1.npy", filters.gaussian(smooth64, 1.0, mode="nearest"))
save("blur_page_s2.npy", filters.gaussian(page64, 2.0, mode="nearest"))
save("blur_page_s0_6.npy", filters.gaussian(page64, 0.6, mode="nearest"))

# Otsu ---------------------------------------------------------------------------------------
save("otsu.npy", np.array([filters.threshold_otsu(smooth64), filters.threshold_otsu(page64)]))

# Sauvola (r=None means 1 for float images) -------------------------------------------------
save("sauvola_page_w15.npy", filters.threshold_sauvola(page64, window_size=15, k=0.2))
save("sauvola_page_w7_k05_r05.npy", filters.threshold_sauvola(page64, window_size=7, k=0.5, r=0.5))
save("sauvola_smooth_w51.npy", filters.threshold_sauvola(smooth64, window_size=51, k=0.3))

# Binary morphology ---------------------------------------------------------------------------
footprints = {"sq3": morphology.square(3), "sq4": morphology.square(4), "disk1": morphology.disk(1),
              "disk3": morphology.disk(3)}
for name, fp in footprints.items():
    save(f"erode_{name}.npy", morphology.binary_erosion(blobs, fp).astype(np.uint8))
    save(f"dilate_{name}.npy", morphology.binary_dilation(blobs, fp).astype(np.uint8))
    save(f"open_{name}.npy", morphology.binary_opening(blobs, fp).astype(np.uint8))
    save(f"close_{name}.npy", morphology.binary_closing(blobs, fp).astype(np.uint8))
save("disk3.npy", morphology.disk(3).astype(np.uint8))

# Labels and regions --------------------------------------------------------------------------
page_ink = page64 <= filters.threshold_otsu(page64)
save("page_ink.npy", page_ink.astype(np.uint8))
for source_name, source in {"blobs": blobs, "page_ink": page_ink}.items():
    for connectivity, name in ((1, "c4"), (2, "c8")):
        labels = measure.label(source, connectivity=connectivity, background=0)
        save(f"label_{source_name}_{name}.npy", labels.astype(np.int32))
        rows = [[r.label, r.area, *r.bbox, *r.centroid, r.extent] for r in measure.regionprops(labels)]
        save(f"regions_{source_name}_{name}.npy", np.array(rows, dtype=np.float64))

print("scikit-image", skimage.__version__, "- wrote fixtures")
