# Run once; never regenerate a golden to make a test pass.
#
# Goldens for LineMorphology (grey erosion/dilation/closing with a line footprint), made with Debian's
# scikit-image 0.19.3 (scipy 1.10.1, numpy 1.24.2) from the existing page.npy fixture of make_goldens.py.
import numpy as np
from skimage import morphology

page = np.load("page.npy").astype(np.float64)
for length in (5, 9):
    for name, fp in (("h", np.ones((1, length))), ("v", np.ones((length, 1)))):
        np.save(f"line_erode_{name}{length}.npy", morphology.erosion(page, fp))
        np.save(f"line_dilate_{name}{length}.npy", morphology.dilation(page, fp))
        np.save(f"line_close_{name}{length}.npy", morphology.closing(page, fp))
