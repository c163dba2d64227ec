# Run once; never regenerate a golden to make a test pass.
#
# Golden for DistanceTransform.Chessboard, made with Debian's scipy 1.10.1 (numpy 1.24.2) from the blobs.npy
# fixture of make_goldens.py, and a thick disc on a small canvas.
import numpy as np
import scipy.ndimage as ndi

blobs = np.load("blobs.npy").astype(bool)
np.save("cdt_chessboard_blobs.npy", ndi.distance_transform_cdt(blobs, metric="chessboard").astype(np.int32))
yy, xx = np.mgrid[0:21, 0:25]
disc = (yy - 10) ** 2 + (xx - 12) ** 2 <= 64
np.save("disc.npy", disc.astype(np.uint8))
np.save("cdt_chessboard_disc.npy", ndi.distance_transform_cdt(disc, metric="chessboard").astype(np.int32))
