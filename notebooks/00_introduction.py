# %% [markdown]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/vsa-tutorials/vsa-associative-memory/blob/main/notebooks/00_introduction.ipynb)

# %% [markdown]
# # 00 · Introduction: the map, the tools and the data
#
# This collection teaches two families of models that compute with
# **high-dimensional vectors** instead of individual numbers:
#
# * **vector-symbolic architectures** (VSA; Gayler, 2003), also called
#   hyperdimensional computing (Kanerva, 2009), where a vector of a thousand
#   or more random components stands for a symbol, and a few algebraic
#   operations (bind, bundle, permute) build records, sets and sequences out
#   of symbols;
# * **associative memories**, from the classical Hopfield network (Hopfield,
#   1982) to the Dense Associative Memory (Krotov & Hopfield, 2016), where
#   stored patterns are the minima of an energy and recall means rolling
#   downhill.
#
# **In this notebook you will**
#
# 1. see the order in which the notebooks build on each other;
# 2. check that your Python environment has what the notebooks need;
# 3. load Fashion-MNIST, the image data set of notebook 02, and look at it;
# 4. measure two facts about it that matter later: its classes are perfectly
#    balanced, and a few of them look very much alike.
#
# ## The collection
#
# | notebook | what it teaches | typical run time on a 2-core laptop CPU |
# | --- | --- | --- |
# | `00_introduction` | this map, an environment check, a first look at Fashion-MNIST | under a minute |
# | `01_vsa_foundations` | random vectors as symbols, bind/bundle/permute in two VSA families, bundle capacity against theory, sets, records, sequences, a small knowledge graph, clean-up | about a minute |
# | `02_vsa_classification` | a small CNN (Haiku) that maps images to FHRR symbols, then computes with them | about 2 minutes |
# | `03_hd_glue` | fusing several trained networks through hypervectors (HD-Glue), with measured results | about 1.5 minutes |
# | `04_discrete_hopfield` | Hebbian storage, energy descent, noisy recall and the capacity limit of Hopfield networks | under a minute |
# | `05_dense_associative_memory` | Lagrangians and energies, Dense Associative Memory, conditional generation, a live browser demo | about a minute |
# | `06_cleanup_memory` | associative memories as the clean-up memory of vector symbols: nearest symbol, Hopfield and dense memory compared; a resonator network that factors bindings | about a minute |
#
# The numbers give the reading order. Notebooks 01 to 03 form the VSA track
# (01 lays the foundations the other two build on), 04 and 05 the
# associative-memory track, and 06 joins the two. The VSA track and notebooks
# 04 → 05 can each be read on their own; 04 → 05 is the bridge from a memory
# that holds about 0.14 N patterns (N is the number of units; Amit, Gutfreund
# & Sompolinsky, 1985) to one whose capacity grows much faster than N (Krotov
# & Hopfield, 2016), and 06 needs 01, 04 and 05.
#
# **The tutorials this collection follows.** Each notebook is built on a
# public tutorial, whose subject, architecture and hyper-parameters it keeps;
# the text and code are our own, and every number is recomputed and checked.
# We gratefully credit their authors:
#
# | notebook | follows |
# | --- | --- |
# | `02_vsa_classification` | W. Olin-Ammentorp, "Vector-Symbolic Architectures, Part 4 – Mapping", bandgap.org, 26 January 2022, <http://bandgap.org/vsas/2022/01/26/vsa-intro-part4.html> |
# | `03_hd_glue` | VSAX, "Tutorial 9: Neural-Symbolic Fusion with HD-Glue", <https://github.com/vasanthsarathy/vsax>, file `examples/notebooks/tutorial_09_neural_symbolic_fusion.ipynb` |
# | `04_discrete_hopfield` | BrainPy examples, "Discrete Hopfield Network Demo for Image Reconstruction" (2023), <https://github.com/brainpy/examples> |
# | `05_dense_associative_memory` | "Hopfield Networks for the Modern Era of AI", <https://amtutorial.vizhub.ai/Hopfield_Nets_2.0.html> |
#
# Notebooks 01 and 06 follow no single tutorial; they are written from the
# primary literature they cite. Each notebook names its tutorial (if any)
# again at the top and ends with the primary literature it relies on.
#
# **Running the notebooks.** On your own machine, `python dev.py lab` (from
# the repository root) creates the environment and opens JupyterLab. On Colab
# (the badge at the top of each notebook), run the next cell first: it installs
# the small helper package `tutorial_support` that the notebooks share, and the
# libraries Colab lacks (Haiku, Equinox), without changing any package Colab
# already has. It stops with advice if Colab's JAX, TensorFlow or NumPy is older
# than the versions these notebooks are tested with. Anywhere else it does
# nothing.

# %%
# NBVAL_IGNORE_OUTPUT
# Not compared: on Colab this cell reports what it installed; anywhere else it does nothing.
import subprocess
import sys

if "google.colab" in sys.modules:  # on Colab only: add what Colab lacks, change nothing it has
    REPOSITORY = "https://github.com/vsa-tutorials/vsa-associative-memory"
    pip_install = [sys.executable, "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip_install, "--no-deps", f"tutorial_support @ git+{REPOSITORY}"], check=True)
    from tutorial_support.colab import install_missing

    install_missing()  # stops with advice if Colab's versions are outside the tested range

# %% [markdown]
# ## 1. Check your environment
#
# The notebooks are written in [JAX](https://docs.jax.dev): NumPy-like arrays
# plus three transformations used everywhere in the collection: `jit`
# (compile a function), `grad` (differentiate it) and `vmap` (vectorise it over
# a batch). Neural networks are built with Haiku (notebook 02) and Equinox
# (notebook 05), optimised with Optax; data comes through tensorflow-datasets.
#
# The versions below are the ones installed on *your* machine (the exact set
# tested in CI is pinned in `requirements-lock.txt`), so this cell's output is
# not compared when the notebooks are tested.

# %%
# NBVAL_IGNORE_OUTPUT
# Not compared: package versions and devices differ from machine to machine; nothing below relies on them.
from importlib.metadata import version

import jax

packages = ["jax", "jaxlib", "dm-haiku", "optax", "equinox", "numpy", "matplotlib",
            "scikit-learn", "scikit-image", "tensorflow", "tensorflow-datasets"]
print(f"{'python':<20} {sys.version.split()[0]}")
for package in packages:
    print(f"{package:<20} {version(package)}")
print(f"\nJAX computes on: {jax.devices()}")

# %% [markdown]
# A quick check that the three transformations work. For
# $f(x) = \sum_i x_i^3$ the gradient is $\nabla f(x) = 3x^2$, so at
# $x = (1, 2, 3)$ we expect $f = 36$ and $\nabla f = (3, 12, 27)$; `vmap` then
# evaluates $f$ on a batch of three vectors in one call.

# %%
import jax.numpy as jnp


def f(x: jax.Array) -> jax.Array:
    return jnp.sum(x**3)


x = jnp.array([1.0, 2.0, 3.0])
print("f(x)           =", jax.jit(f)(x))
print("grad f(x)      =", jax.grad(f)(x))
print("vmap(f)(batch) =", jax.vmap(f)(jnp.stack([x, 2 * x, -x])))

# %% [markdown]
# ## 2. Fashion-MNIST
#
# [Fashion-MNIST](https://github.com/zalandoresearch/fashion-mnist) (Xiao,
# Rasul & Vollgraf, 2017) holds 70 000 grey-scale photographs of clothing,
# 28 × 28 pixels each, in 10 classes: 60 000 for training and 10 000 for
# testing. It was designed as a harder drop-in replacement for the handwritten
# digits of MNIST.
#
# `tutorial_support.load_fashion_mnist` fetches it through tensorflow-datasets
# (TFDS). The first call downloads about 30 MB and prepares the data once;
# later calls read the prepared copy. Offline, point the environment variable
# `FASHION_MNIST_DIR` at a folder holding the four official `.gz` archives.

# %%
import numpy as np

from tutorial_support import CLASS_NAMES, load_fashion_mnist

fashion = load_fashion_mnist()
for name, array in fashion._asdict().items():
    print(f"{name:<13} shape {str(array.shape):<18} dtype {str(array.dtype):<6} "
          f"values {array.min()}..{array.max()}")

# %% [markdown]
# Images come as unsigned bytes, one channel (the trailing `1`), with 0 for
# black background and 255 for white. Every picture in this notebook shows
# them that way, with matplotlib's plain `gray` colour map (0 black, 255
# white), so the garments appear light on a black background. Labels are
# integers 0–9; their names:

# %%
for label, name in enumerate(CLASS_NAMES):
    print(label, name)

# %% [markdown]
# ## 3. What each class looks like
#
# Eight training images per class, the first eight of each class in the
# training order, so the grid is the same every run.

# %%
import matplotlib.pyplot as plt

per_class = 8
fig, axes = plt.subplots(10, per_class, figsize=(per_class * 1.0, 10 * 1.05))
for label, row in enumerate(axes):
    examples = np.flatnonzero(fashion.train_labels == label)[:per_class]
    for ax, index in zip(row, examples):
        ax.imshow(fashion.train_images[index, :, :, 0], cmap="gray", vmin=0, vmax=255)
        ax.set_xticks([])
        ax.set_yticks([])
    row[0].set_ylabel(f"{label}: {CLASS_NAMES[label]}", rotation=0, ha="right", va="center")
fig.suptitle("Fashion-MNIST training images, 8 per class\n(28 × 28 pixels each; grey value 0 black, 255 white)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Class balance
#
# How many images of each class does each split hold? `np.bincount` counts
# how often each label occurs.

# %%
train_counts = np.bincount(fashion.train_labels, minlength=10)
test_counts = np.bincount(fashion.test_labels, minlength=10)
print(f"{'class':<14}{'train':>8}{'test':>8}")
for name, n_train, n_test in zip(CLASS_NAMES, train_counts, test_counts):
    print(f"{name:<14}{n_train:>8}{n_test:>8}")
print(f"{'total':<14}{train_counts.sum():>8}{test_counts.sum():>8}")

# %%
positions = np.arange(10)
fig, ax = plt.subplots(figsize=(9, 3.5))
ax.bar(positions - 0.2, train_counts / train_counts.sum() * 100, width=0.4, label="train (60 000)")
ax.bar(positions + 0.2, test_counts / test_counts.sum() * 100, width=0.4, label="test (10 000)")
ax.set_xticks(positions, CLASS_NAMES, rotation=30, ha="right")
ax.set_xlabel("class")
ax.set_ylabel("share of the split (%)")
ax.set_title("Class balance of Fashion-MNIST")
ax.set_ylim(0, 13)
ax.legend(loc="upper right", ncol=2)
fig.tight_layout()
plt.show()

# %% [markdown]
# Every class holds exactly one tenth of each split. Two consequences for the
# notebooks that follow: plain accuracy is a fair summary (no class can be
# "won" by ignoring a rare one), and a classifier that guesses at random
# scores 10 %.
#
# **Claims as checks.** Throughout the collection, whenever the text relies on
# a result, the notebook states it as a check from `tutorial_support.checks`.
# A check prints the claim with a ✓ when it holds and stops the notebook with
# an error (`ClaimFailed`, naming the value it found) when it does not. The
# printed line never contains the measured number, so it reads the same on
# every machine, while the number itself is printed by the cell that computes
# it. Here is the first one:

# %%
from tutorial_support.checks import check, check_at_least, check_between

check("every class has exactly 6000 training and 1000 test images",
      (train_counts == 6000).all() and (test_counts == 1000).all())

# %% [markdown]
# ## 5. Which classes look alike?
#
# Average all training images of a class and you get its *mean image*, a
# blurry prototype. Comparing prototypes with the cosine similarity
#
# $$\cos(\mathbf{a}, \mathbf{b}) = \frac{\mathbf{a}\cdot\mathbf{b}}{\lVert\mathbf{a}\rVert\,\lVert\mathbf{b}\rVert}$$
#
# (1 for vectors pointing the same way, 0 for orthogonal ones) shows which
# classes are hard to tell apart at the pixel level. The same similarity, on
# learned vectors instead of pixels, is the workhorse of every notebook in this
# collection.

# %%
train_pixels = fashion.train_images.reshape(len(fashion.train_images), -1).astype(np.float32) / 255
test_pixels = fashion.test_images.reshape(len(fashion.test_images), -1).astype(np.float32) / 255
prototypes = np.stack([train_pixels[fashion.train_labels == k].mean(axis=0) for k in range(10)])
unit = prototypes / np.linalg.norm(prototypes, axis=1, keepdims=True)
similarity = unit @ unit.T

fig, axes = plt.subplots(2, 5, figsize=(10.8, 5))
for label, ax in enumerate(axes.flat):
    shown = ax.imshow(prototypes[label].reshape(28, 28), cmap="gray", vmin=0, vmax=1)
    ax.set_title(CLASS_NAMES[label])
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("Mean training image per class (28 × 28 pixels, 6000 images each)")
fig.tight_layout()
fig.colorbar(shown, ax=axes, label="mean pixel value / 255 (0 black, 1 white)", shrink=0.8)
plt.show()

# %%
fig, ax = plt.subplots(figsize=(7.5, 6.5))
shown = ax.imshow(similarity, cmap="viridis", vmin=0.4, vmax=1)
for i in range(10):
    for j in range(10):
        ax.text(j, i, f"{similarity[i, j]:.2f}", ha="center", va="center", fontsize=8,
                color="black" if similarity[i, j] > 0.75 else "white")
ax.set_xticks(positions, CLASS_NAMES, rotation=45, ha="right")
ax.set_yticks(positions, CLASS_NAMES)
ax.set_xlabel("class")
ax.set_ylabel("class")
ax.set_title("Cosine similarity of the class mean images")
fig.colorbar(shown, ax=ax, label="cosine similarity")
fig.tight_layout()
plt.show()

# %%
pairs = [(similarity[i, j], i, j) for i in range(10) for j in range(i + 1, 10)]
print("Most similar pairs of class prototypes:")
for value, i, j in sorted(pairs, reverse=True)[:5]:
    print(f"  {CLASS_NAMES[i]:<12} ~ {CLASS_NAMES[j]:<12} cosine {value:.3f}")
print("Least similar pair:")
value, i, j = min(pairs)
print(f"  {CLASS_NAMES[i]:<12} ~ {CLASS_NAMES[j]:<12} cosine {value:.3f}")

# %% [markdown]
# Two facts to carry forward, stated as checks: Pullover, Coat and Shirt have
# almost the same prototype, and T-shirt/top is close to all three.

# %%
upper_body = [CLASS_NAMES.index(name) for name in ("T-shirt/top", "Pullover", "Coat", "Shirt")]
pullover_coat_shirt = similarity[np.ix_(upper_body[1:], upper_body[1:])]
tshirt_to_others = similarity[upper_body[0], upper_body[1:]]
check_at_least("cosine between the prototypes of Pullover, Coat and Shirt (each pair)",
               pullover_coat_shirt.min(), 0.98)
check("cosine between T-shirt/top and each of them lies in [0.89, 0.95]",
      ((tshirt_to_others >= 0.89) & (tshirt_to_others <= 0.95)).all())

# %% [markdown]
# How far do prototypes alone get? A *nearest-prototype* classifier gives each
# test image the class whose mean image is most cosine-similar to it. It has
# no trained weights at all, so it is the floor any learned model should
# clear.

# %%
test_unit = test_pixels / np.linalg.norm(test_pixels, axis=1, keepdims=True)
predicted = np.argmax(test_unit @ unit.T, axis=1)
accuracy = np.mean(predicted == fashion.test_labels)
print(f"nearest-prototype test accuracy: {accuracy:.3f} (chance: 0.100)")
per_class_accuracy = [np.mean(predicted[fashion.test_labels == k] == k) for k in range(10)]
for k in np.argsort(per_class_accuracy):
    print(f"  {CLASS_NAMES[k]:<12} {per_class_accuracy[k]:.3f}")

hardest_first = [CLASS_NAMES[k] for k in np.argsort(per_class_accuracy)]
check_between("nearest-prototype test accuracy", accuracy, 0.6, 0.7)
check("Shirt is the class that prototype matching gets wrong most often", hardest_first[0] == "Shirt")
check("Sandal is the second hardest", hardest_first[1] == "Sandal")

# %% [markdown]
# ## What it means
#
# * The upper-body garments (T-shirt/top, Pullover, Coat, Shirt) have nearly
#   the same prototype (cosine similarities of 0.98 and more among Pullover,
#   Coat and Shirt, about 0.9 from T-shirt/top to each of them), and Shirt,
#   which looks like all three others, is the class prototype matching gets
#   wrong most often. Expect the same group to dominate the confusion matrix of the
#   trained network in notebook 02: a network separates them far better than
#   raw pixels do, but not perfectly.
# * Sandals also fare badly here, for another reason: they vary so much
#   (straps, heels, open shapes) that their mean image is a faint blur that
#   resembles no single sandal. One prototype per class is too crude when a
#   class has several typical shapes.
# * The nearest-prototype accuracy above is the number to beat with a learned
#   model.
#
# ## What to try next
#
# 1. Replace the cosine similarity by the Euclidean distance in the
#    nearest-prototype classifier. Which works better, and why might
#    normalising each image help?
# 2. Compute one prototype per class from the *test* split and compare it with
#    the training prototype of the same class. How similar are they?
# 3. Plot, for the Shirt class, the test images that the nearest-prototype
#    classifier gets wrong. What do they have in common?
# 4. Time `jax.jit(f)(x)` twice in a row with `%timeit`. Why is the first
#    call so much slower than the second?
#
# **Check yourself.** Exercises with a checkable answer have a self-check:
# replace `None` by your answer in the cell below and run it. It prints ✓ when
# the answer is right and a hint when it is not. The worked solutions, with
# code, figures and a discussion, are in
# [`solutions/00_introduction.ipynb`](../solutions/00_introduction.ipynb); try
# first, then compare.

# %%
from tutorial_support.exercises import check_answer

check_answer("00.1", None)  # 'cosine' or 'euclidean'
check_answer("00.2", None)  # a number
check_answer("00.3", None)  # a class name
check_answer("00.4", None)  # a number

# %% [markdown]
# ## References
#
# * D. J. Amit, H. Gutfreund and H. Sompolinsky (1985). Storing infinite
#   numbers of patterns in a spin-glass model of neural networks. *Physical
#   Review Letters* 55(14), 1530–1533.
# * R. W. Gayler (2003). Vector Symbolic Architectures answer Jackendoff's
#   challenges for cognitive neuroscience. In *Proceedings of the ICCS/ASCS
#   International Conference on Cognitive Science*, Sydney.
# * J. J. Hopfield (1982). Neural networks and physical systems with emergent
#   collective computational abilities. *Proceedings of the National Academy
#   of Sciences* 79(8), 2554–2558.
# * P. Kanerva (2009). Hyperdimensional computing: an introduction to
#   computing in distributed representation with high-dimensional random
#   vectors. *Cognitive Computation* 1(2), 139–159.
# * D. Krotov and J. J. Hopfield (2016). Dense associative memory for pattern
#   recognition. *Advances in Neural Information Processing Systems* 29.
# * H. Xiao, K. Rasul and R. Vollgraf (2017). Fashion-MNIST: a novel image
#   dataset for benchmarking machine learning algorithms. arXiv:1708.07747.
#
# The four tutorials the notebooks follow are credited in the table at the top.
