"""Make data/hopfield_digits.npz: the two ±1 digit images notebook 04 stores.

    python data/make_hopfield_digits.py

Source: scikit-learn's bundled copy of the UCI "Optical Recognition of
Handwritten Digits" test set (`sklearn.datasets.load_digits`, 1797 images of
8 × 8 pixels, grey levels 0–16; no download). Two examples that look clean
after binarising were picked by eye: image 293 (a '9') and image 14 (a '4').
Each is resized to 28 × 28 by bilinear interpolation and binarised (ink above
half of the image's darkest pixel → +1, background → -1) with
`tutorial_support.hopfield.images_to_patterns`.

The file holds `patterns` (2, 784) int8 of ±1, row 0 the '9' and row 1 the
'4', `labels` (2,) and `source_index` (2,), the images' indices in load_digits.
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

from tutorial_support.hopfield import images_to_patterns

SOURCE_INDEX = np.array([293, 14])  # a '9' and a '4'
OUTPUT = Path(__file__).resolve().parent / "hopfield_digits.npz"


def main() -> None:
    digits = load_digits()
    labels = digits.target[SOURCE_INDEX]
    if list(labels) != [9, 4]:
        raise RuntimeError(f"expected the digits 9 and 4 at {SOURCE_INDEX.tolist()}; "
                           f"load_digits gave {labels.tolist()}")
    patterns = images_to_patterns(digits.images[SOURCE_INDEX], size=28, threshold=0.5)
    np.savez_compressed(OUTPUT, patterns=patterns, labels=labels, source_index=SOURCE_INDEX)
    print(f"wrote {OUTPUT.name}: patterns {patterns.shape} {patterns.dtype}, labels {labels.tolist()}, "
          f"ink pixels {(patterns > 0).sum(axis=1).tolist()}")


if __name__ == "__main__":
    main()
