# %% [markdown]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/vsa-tutorials/vsa-associative-memory/blob/main/solutions/00_introduction.ipynb)

# %% [markdown]
# # Solutions · 00 Introduction
#
# Worked solutions to the exercises at the end of
# [`notebooks/00_introduction.ipynb`](../notebooks/00_introduction.ipynb),
# written for teachers and for students who have tried first. Each exercise is
# quoted as it stands in the notebook. After it come the code, the figure or
# table it produces, and a few sentences on what the result shows. As in the
# notebooks, every number is computed here, the claims the discussion rests on
# are checks, and the self-check of each exercise is called with the computed
# answer.

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

# %%
import time

import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np

from tutorial_support import CLASS_NAMES, load_fashion_mnist
from tutorial_support.checks import check, check_at_least, check_at_most, check_between
from tutorial_support.exercises import check_answer

fashion = load_fashion_mnist()
train = fashion.train_images.reshape(-1, 28 * 28).astype(np.float32) / 255
test = fashion.test_images.reshape(-1, 28 * 28).astype(np.float32) / 255
prototypes = np.stack([train[fashion.train_labels == k].mean(axis=0) for k in range(10)])


def normalised(vectors: np.ndarray) -> np.ndarray:
    """Each row divided by its Euclidean length."""
    return vectors / np.linalg.norm(vectors, axis=-1, keepdims=True)


# %% [markdown]
# ### Exercise 1
#
# > Replace the cosine similarity by the Euclidean distance in the
# > nearest-prototype classifier. Which works better, and why might
# > normalising each image help?

# %% [markdown]
# The notebook's classifier picks the class whose prototype has the largest
# cosine with the image. With the Euclidean distance it picks the prototype
# with the smallest squared distance
# $\lVert \mathbf{x} - \mathbf{p}_k \rVert^2 = \lVert\mathbf{x}\rVert^2 - 2\,\mathbf{x}\cdot\mathbf{p}_k + \lVert\mathbf{p}_k\rVert^2$.
# We measure both on all 10 000 test images. We also count the images that one
# rule gets right and the other wrong, because these alone decide the difference.

# %%
def squared_distances(images: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """||x - p||^2 for every image x and centre p, without a (10000, 10, 784) array."""
    return ((images**2).sum(1)[:, None] - 2 * images @ centres.T + (centres**2).sum(1)[None, :])


by_cosine = np.argmax(normalised(test) @ normalised(prototypes).T, axis=1)
by_distance = np.argmin(squared_distances(test, prototypes), axis=1)
by_distance_normalised = np.argmin(squared_distances(normalised(test), normalised(prototypes)), axis=1)
labels = fashion.test_labels
accuracy = {name: float(np.mean(predicted == labels)) for name, predicted in
            [("cosine", by_cosine), ("euclidean", by_distance),
             ("euclidean, both normalised", by_distance_normalised)]}
for name, value in accuracy.items():
    print(f"{name:<28} test accuracy {value:.4f}")
only_distance = int(np.sum((by_distance == labels) & (by_cosine != labels)))
only_cosine = int(np.sum((by_cosine == labels) & (by_distance != labels)))
print(f"right only with the Euclidean distance: {only_distance} images; only with the cosine: {only_cosine}")
# McNemar's test: if both rules were equally accurate, each disagreement would go either way with
# probability 1/2, and z would be roughly standard normal.
mcnemar_z = (only_distance - only_cosine) / np.sqrt(only_distance + only_cosine)
print(f"McNemar z = {mcnemar_z:.2f}")

# %%
check("after normalising images and prototypes, the Euclidean rule predicts exactly what the cosine predicts",
      np.array_equal(by_distance_normalised, by_cosine))
check("the Euclidean distance on raw pixels is more accurate than the cosine",
      accuracy["euclidean"] > accuracy["cosine"])
check_between("its advantage in test accuracy", accuracy["euclidean"] - accuracy["cosine"], 0.005, 0.03)
check("the rules disagree in both directions on more than 500 images each", min(only_distance, only_cosine) > 500)
check_at_least("McNemar z of the paired difference", mcnemar_z, 2)
check_answer("00.1", "euclidean" if accuracy["euclidean"] > accuracy["cosine"] else "cosine")

# %% [markdown]
# Which classes gain and which lose? The per-class accuracies of the two
# rules show where the image's *length*, which the cosine ignores, carries
# information.

# %%
def per_class(predicted: np.ndarray) -> np.ndarray:
    return np.array([np.mean(predicted[labels == k] == k) for k in range(10)])


gain = per_class(by_distance) - per_class(by_cosine)
norms = np.linalg.norm(prototypes, axis=1)
order = np.argsort(gain)
fig, ax = plt.subplots(figsize=(8, 3.8))
ax.barh(np.arange(10), gain[order] * 100, color=["tab:red" if g < 0 else "tab:blue" for g in gain[order]])
ax.set_yticks(np.arange(10), [f"{CLASS_NAMES[k]} (‖p‖ = {norms[k]:.1f})" for k in order])
ax.axvline(0, color="black", linewidth=0.8)
ax.set_xlabel("Euclidean minus cosine accuracy (percentage points)")
ax.set_title("Per-class gain of the Euclidean rule over the cosine rule (test set)")
fig.tight_layout()
plt.show()
for k in order:
    print(f"{CLASS_NAMES[k]:<12} {gain[k] * 100:+6.1f} points   prototype length ‖p‖ = {norms[k]:.2f}")

# %%
check("the Euclidean rule changes some classes' accuracy by more than 10 points, one way or the other",
      np.abs(gain).max() > 0.10)
check("it helps some classes and hurts others", gain.min() < 0 < gain.max())
check("Sandal, the class with the shortest prototype, gains the most, more than 40 points",
      np.argmax(gain) == CLASS_NAMES.index("Sandal") == np.argmin(norms) and gain.max() > 0.4)
check("Pullover loses the most, more than 10 points",
      np.argmin(gain) == CLASS_NAMES.index("Pullover") and gain.min() < -0.1)

# %% [markdown]
# **What it shows.** On raw pixels the Euclidean rule is slightly more
# accurate, by about one point. The difference is real rather than chance
# (McNemar's paired test, $z > 2$), but the average hides large swings: the
# rules disagree in both directions on about a thousand images each, and by
# class the Euclidean rule gains about 50 points on Sandal and loses about 17
# on Pullover. Why? Expanding the square, the Euclidean rule picks the class
# with the largest $\mathbf{x}\cdot\mathbf{p}_k - \tfrac12\lVert\mathbf{p}_k\rVert^2$
# (the term $\lVert\mathbf{x}\rVert^2$ is the same for every class), while
# the cosine rule picks the largest $\mathbf{x}\cdot\mathbf{p}_k / \lVert\mathbf{p}_k\rVert$.
# The two differ only through the prototypes' lengths $\lVert\mathbf{p}_k\rVert$.
# The Euclidean rule penalises long prototypes, so an image with little ink
# is pulled towards the classes whose prototypes are short. Sandal has the
# shortest prototype (printed beside each class), and that is where the
# Euclidean rule gains most.
#
# Normalising images *and* prototypes makes the two rules identical: for unit
# vectors $\lVert\mathbf{x}-\mathbf{p}\rVert^2 = 2 - 2\cos(\mathbf{x},\mathbf{p})$.
# Here that *lowers* the accuracy to the cosine rule's. (Normalising the
# images alone, with raw prototypes, would make no sense: a unit image is then
# nearest to the shortest prototype whatever it shows.) Normalising pays off when an image's overall intensity varies within a class for
# reasons unrelated to the class: a light and a dark version of the same
# garment then become one vector. In Fashion-MNIST an image's length also
# carries class information (how much of the frame the garment covers), and
# throwing it away costs accuracy.

# %% [markdown]
# ### Exercise 2
#
# > Compute one prototype per class from the *test* split and compare it with
# > the training prototype of the same class. How similar are they?

# %%
test_prototypes = np.stack([test[labels == k].mean(axis=0) for k in range(10)])
agreement = np.sum(normalised(prototypes) * normalised(test_prototypes), axis=1)
for k in np.argsort(agreement):
    print(f"{CLASS_NAMES[k]:<12} cosine(train prototype, test prototype) = {agreement[k]:.4f}")
print(f"mean over the 10 classes: {agreement.mean():.4f}")

fig, axes = plt.subplots(1, 3, figsize=(9, 3.2))
k = int(np.argmin(agreement))
for ax, image, title in zip(axes, [prototypes[k], test_prototypes[k], test_prototypes[k] - prototypes[k]],
                            ["training prototype", "test prototype", "test minus training"]):
    shown = ax.imshow(image.reshape(28, 28), cmap="gray" if "minus" not in title else "coolwarm",
                      vmin=0 if "minus" not in title else -0.05, vmax=1 if "minus" not in title else 0.05)
    ax.set_title(f"{CLASS_NAMES[k]}: {title}", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    fig.colorbar(shown, ax=ax, shrink=0.8, label="pixel value / 255")
fig.suptitle("The least similar pair of prototypes is still nearly identical")
fig.tight_layout()
plt.show()

# %%
difference = np.abs(test_prototypes - prototypes).max()
between = min(np.abs(prototypes[a] - prototypes[b]).max() for a in range(10) for b in range(a + 1, 10))
by_test_prototypes = np.argmax(normalised(test) @ normalised(test_prototypes).T, axis=1)
print(f"largest pixel difference between a training and a test prototype: {difference:.3f}")
print(f"smallest largest-pixel difference between the prototypes of two different classes: {between:.3f}")
print(f"nearest-prototype test accuracy with training prototypes {accuracy['cosine']:.4f}, "
      f"with the test split's own prototypes {np.mean(by_test_prototypes == labels):.4f}")
check_at_least("cosine of each class's training and test prototypes", agreement.min(), 0.999)
check_at_most("largest pixel difference between the two prototypes of a class", difference, 0.05)
check("it is smaller than the difference between any two classes' prototypes", difference < between)
check_at_most("accuracy gained by using the test split's own prototypes",
              np.mean(by_test_prototypes == labels) - accuracy["cosine"], 0.01)
check_answer("00.2", float(agreement.mean()))

# %% [markdown]
# **What it shows.** Every class's test prototype is nearly identical to its
# training prototype: all ten cosines are 0.999 or more, and no pixel differs
# by more than 5 % of the grey range. A cosine near 1 alone would say little,
# since different classes reach 0.98 (section 5 of the notebook), but the
# pixel differences are clear: the two prototypes of one class differ less
# than the prototypes of any two classes. An average over 1 000 images
# already fixes the mean image well, because its noise shrinks like
# $1/\sqrt{n}$. And the classifier's weak accuracy is not a failure of the
# prototypes to generalise: with the test split's *own* prototypes it gains
# less than a point. One mean image per class is simply too coarse a
# description of the class.

# %% [markdown]
# ### Exercise 3
#
# > Plot, for the Shirt class, the test images that the nearest-prototype
# > classifier gets wrong. What do they have in common?

# %%
shirt = CLASS_NAMES.index("Shirt")
wrong = np.flatnonzero((labels == shirt) & (by_cosine != shirt))
given = np.bincount(by_cosine[wrong], minlength=10)
print(f"{len(wrong)} of {np.sum(labels == shirt)} Shirt test images are misclassified; they are called:")
for k in np.argsort(-given):
    if given[k]:
        print(f"  {CLASS_NAMES[k]:<12} {given[k]:>4}")
upper_body = given[[CLASS_NAMES.index(n) for n in ("T-shirt/top", "Coat", "Pullover")]].sum()
print(f"share that goes to T-shirt/top, Coat or Pullover: {upper_body / len(wrong):.2f}")

fig, axes = plt.subplots(3, 8, figsize=(10, 4.4))
for ax, index in zip(axes.flat, wrong[:24]):
    ax.imshow(fashion.test_images[index, :, :, 0], cmap="gray", vmin=0, vmax=255)
    ax.set_title(f"→ {CLASS_NAMES[by_cosine[index]]}", fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("The first 24 Shirt test images that the nearest-prototype classifier gets wrong\n"
             "(above each: the class it gives; 28 × 28 pixels, 0 black, 255 white)")
fig.tight_layout()
plt.show()

# %%
most_given = CLASS_NAMES[int(np.argmax(given))]
check_between("share of the misclassified Shirts that go to T-shirt/top, Coat or Pullover",
              upper_body / len(wrong), 0.85, 0.9)
check_between("share of the Shirt test images that are misclassified", len(wrong) / 1000, 0.7, 0.8)
check_answer("00.3", most_given)

# %% [markdown]
# **What it shows.** About three quarters of the Shirt test images are
# misclassified, and 87 % of those go to the other upper-body classes,
# T-shirt/top, Coat and Pullover, in comparable numbers. The figure suggests
# why: a shirt with long sleeves has the silhouette of a coat or a pullover,
# and one with short sleeves that of a T-shirt. What distinguishes a shirt (a
# collar, buttons, a placket) is a few pixels of texture, which a mean image
# blurs away. This is the group that the trained network of notebook 02
# still confuses most.

# %% [markdown]
# ### Exercise 4
#
# > Time `jax.jit(f)(x)` twice in a row with `%timeit`. Why is the first
# > call so much slower than the second?

# %% [markdown]
# `%timeit` repeats a statement many times and so hides the first call. We
# time single calls with `time.perf_counter` instead, on a freshly jitted
# function, and wait for JAX's asynchronous result with `block_until_ready`.

# %%
# NBVAL_IGNORE_OUTPUT
# Not compared: wall-clock times depend on the machine; the ratio is checked in the next cell.
def cube_sum(x: jax.Array) -> jax.Array:
    return jnp.sum(x**3)


compiled = jax.jit(cube_sum)
x = jnp.array([1.0, 2.0, 3.0])
times = []
for call in range(5):
    started = time.perf_counter()
    compiled(x).block_until_ready()
    times.append(time.perf_counter() - started)
later = float(np.median(times[1:]))
ratio = times[0] / later
print(f"first call {times[0] * 1e3:.1f} ms, later calls {later * 1e6:.1f} µs (median of 4): "
      f"ratio {ratio:.0f}")
started = time.perf_counter()
compiled(jnp.array([1.0, 2.0, 3.0, 4.0])).block_until_ready()
new_shape = time.perf_counter() - started
print(f"a call with a new shape (4,): {new_shape * 1e3:.1f} ms")

# %%
check_at_least("ratio of the first call's time to a later call's", ratio, 100)
check_at_least("ratio of a call with a new shape to a later call of the old shape", new_shape / later, 100)
check_answer("00.4", ratio)

# %% [markdown]
# **What it shows.** The first call is hundreds to thousands of times slower
# than the later ones (the ratio printed above). `jax.jit` does not compile when it is applied. It compiles at
# the first call, when the argument's shape and dtype are known: it traces
# the Python function into a graph of operations and hands the graph to the
# XLA compiler. Later calls with the same shape and dtype reuse the compiled
# code and cost microseconds. A new shape triggers a new compilation, which
# is why the call with four numbers is slow again. This is why the notebooks
# jit whole training steps and keep batch shapes fixed.
