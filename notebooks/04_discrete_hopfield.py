# %% [markdown]
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/vsa-tutorials/vsa-associative-memory/blob/main/notebooks/04_discrete_hopfield.ipynb)

# %% [markdown]
# # 04 · Discrete Hopfield networks: storing and repairing images
#
# A Hopfield network is a memory you query with a damaged copy of what you
# want. It stores a few binary images in the connections between its units,
# and when it is handed a noisy or partly blotted-out version of one of them,
# it repairs the image by itself, one pixel at a time, until it settles on the
# stored original. The repair is a descent in an *energy*: every stored image
# sits at the bottom of a valley, and recall means rolling downhill.
#
# **You will learn**
#
# 1. how the Hebbian rule writes two 28 × 28 digit images into a weight matrix;
# 2. how asynchronous updates repair a digit with 10% of its pixels flipped,
#    and why its energy can only go down;
# 3. that the same works when a whole block of the image is blotted out;
# 4. what goes wrong with synchronous updates: a state that flips back and
#    forth for ever, an energy that can rise, and the quantity they descend
#    instead;
# 5. which *other* valleys the energy has (inverted images, mixtures), and
#    why recall can end in them;
# 6. how many patterns a network of N units holds (the classical answer for
#    random patterns is 0.138 N; we measure it) and how much worse correlated
#    images do;
# 7. why the Dense Associative Memory of notebook 05 stores far more.
#
# Everything runs on a CPU in well under a minute. The helper module
# `tutorial_support.hopfield` holds the model in about a hundred lines of JAX;
# its docstrings state each equation.
#
# **Source.** This notebook follows the BrainPy example "Discrete Hopfield
# Network Demo for Image Reconstruction" (<https://github.com/brainpy/examples>,
# 2023), and we credit it for the experiment: two stored digits, a '9' and a
# '4', repaired from flip noise and from a blotted-out block, with 5000
# asynchronous updates and energy traces. The text and code here are our own
# (JAX instead of BrainPy, data the project rebuilds itself), every number is
# computed by this notebook, and sections 4–7 go beyond the original. The
# model is Hopfield's (1982); the primary literature is listed under
# *References* at the end.

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
from pathlib import Path

import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from tutorial_support import hopfield as hf
from tutorial_support.checks import check, check_at_least, check_at_most, check_between

SIDE = 28  # images are SIDE x SIDE pixels, one unit per pixel
N = SIDE * SIDE


def show_images(images, titles, suptitle, size=2.3):
    """Show ±1 images side by side: ink (+1) black, background (-1) white."""
    fig, axes = plt.subplots(1, len(images), figsize=(size * len(images), size + 0.6))
    for ax, image, title in zip(np.atleast_1d(axes), images, titles):
        ax.imshow(np.asarray(image).reshape(SIDE, SIDE), cmap="gray_r", vmin=-1, vmax=1)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("x (pixels)", fontsize=8)
        ax.set_ylabel("y (pixels)", fontsize=8)
        ax.tick_params(labelsize=7)
    fig.suptitle(suptitle)
    fig.tight_layout()
    plt.show()


def wrong_pixels(state, target) -> int:
    return int(jnp.sum(state != target))


# %% [markdown]
# ## 1. Storing two digits
#
# The network has one unit per pixel, $N = 784$ units, each either $+1$ (ink)
# or $-1$ (background). The two images to store are a '9' and a '4' taken from
# scikit-learn's small handwritten-digit set (8 × 8 pixels), enlarged to
# 28 × 28 and binarised by `data/make_hopfield_digits.py`; the result is
# committed as `data/hopfield_digits.npz`. The cell below rebuilds the two
# patterns from scikit-learn and checks that they equal the committed file
# (on Colab, where the file is absent, it just uses the rebuilt ones).

# %%
digits = load_digits()
rebuilt = hf.images_to_patterns(digits.images[[293, 14]], size=SIDE, threshold=0.5)
stored_file = next((p for p in (Path("../data"), Path("data")) if p.is_dir()), None)
if stored_file is not None:
    committed = np.load(stored_file / "hopfield_digits.npz")["patterns"]
    check("data/hopfield_digits.npz equals the patterns rebuilt from scikit-learn",
          (committed == rebuilt).all())
patterns = jnp.asarray(rebuilt, jnp.float32)
nine, four = patterns
print(f"patterns {patterns.shape}; ink pixels: '9' {int((nine > 0).sum())}, '4' {int((four > 0).sum())}; "
      f"overlap (1/N) Σ ξ⁹ξ⁴ = {float(hf.overlap(nine, four)):.3f}")
check("the '9' and the '4' have overlap exactly 1/2: they agree on 3/4 of the pixels",
      int(nine @ four) == N // 2)
show_images(patterns, ["stored pattern 0: '9'", "stored pattern 1: '4'"], "The two patterns to store")

# %% [markdown]
# The two digits overlap a lot (0.5 on a scale where identical is 1 and
# unrelated random images are about 0), mostly because both are largely
# background. Keep that in mind: correlation between stored patterns is the
# main enemy of this memory (section 6).
#
# **The Hebbian rule.** Units that are active together get a positive
# connection, units in opposite states a negative one. Summed over the $P$
# patterns $\xi^\mu$ and scaled by $1/N$, with no unit connected to itself
# (Hopfield, 1982):
#
# $$W_{ij} = \frac{1}{N}\sum_{\mu=1}^{P} \xi^\mu_i \xi^\mu_j \quad (i \ne j), \qquad W_{ii} = 0 .$$
#
# $W$ is symmetric. With two patterns each weight is $+2/N$ (pixels $i$ and
# $j$ have equal values in both digits), $-2/N$ (opposite values in both) or
# 0 (equal in one digit, opposite in the other).

# %%
W = hf.hebbian_weights(patterns)
values, counts = np.unique(np.round(np.asarray(W) * N, 6), return_counts=True)
print(f"W: shape {W.shape}")
print("distinct values of N·W_ij and how often they occur:",
      ", ".join(f"{v:+.0f}: {c}" for v, c in zip(values, counts)))

# Sort the units by their values in the two digits: (-,-), (-,+), (+,-), (+,+).
order = np.lexsort((np.asarray(four), np.asarray(nine)))
group_sizes = [int(((nine == a) & (four == b)).sum()) for a in (-1, 1) for b in (-1, 1)]
print("units with ('9', '4') = (-,-), (-,+), (+,-), (+,+):", group_sizes)
pixel = 14 * SIDE + 14  # a pixel in the middle of the image

# Ordered pairs (i, j), i ≠ j: +2 within a group, -2 between (-,-) and (+,+) or between
# (-,+) and (+,-), 0 between a group where the digits agree and one where they differ;
# the N diagonal entries are 0.
n_mm, n_mp, n_pm, n_pp = group_sizes
predicted = {-2: 2 * (n_mm * n_pp + n_mp * n_pm), 0: 2 * (n_mm + n_pp) * (n_mp + n_pm) + N,
             2: sum(n * n for n in group_sizes) - N}
check("W is symmetric: W_ij = W_ji", (W == W.T).all())
check("W has a zero diagonal: no unit is connected to itself", (jnp.diag(W) == 0).all())
check("N·W_ij takes only the values -2, 0, +2, in the counts the four groups of units predict",
      {float(v): int(c) for v, c in zip(values, counts)} == predicted)
check("the pixel (14, 14) is ink in both digits", (nine[pixel] == 1) & (four[pixel] == 1))
fig, axes = plt.subplots(1, 2, figsize=(11, 4.6))
shown = axes[0].imshow(np.asarray(W)[np.ix_(order, order)] * N, cmap="coolwarm", vmin=-2, vmax=2,
                       interpolation="nearest")
axes[0].set_title("N·W, units sorted by their values in '9' and '4'", fontsize=10)
axes[0].set_xlabel("unit j (sorted)")
axes[0].set_ylabel("unit i (sorted)")
fig.colorbar(shown, ax=axes[0], label="N·W_ij")
shown = axes[1].imshow(np.asarray(W[pixel]).reshape(SIDE, SIDE) * N, cmap="coolwarm", vmin=-2, vmax=2)
axes[1].plot(14, 14, "k+", markersize=12)
axes[1].set_title("row of N·W for the pixel (14, 14), as an image", fontsize=10)
axes[1].set_xlabel("x (pixels)")
axes[1].set_ylabel("y (pixels)")
fig.colorbar(shown, ax=axes[1], label="N·W_ij")
fig.tight_layout()
plt.show()

# %% [markdown]
# In pixel order the matrix looks like noise; sorted by what each pixel is in
# the two digits, it is 16 constant blocks: two pixels are joined by $+2/N$
# when they agree with each other in both digits, $-2/N$ when they disagree in
# both, and 0 when the two digits pull in opposite directions. The right panel
# reads one row of $W$ back as an image: what the centre pixel "wants" every
# other pixel to be. It is ink in both digits, so it pulls the shared strokes
# towards ink and the shared background towards background, and is indifferent
# (0) to pixels that only one of the digits inks.
#
# **Energy.** Every state $s \in \{-1, +1\}^N$ has the energy (Hopfield, 1982)
#
# $$E(s) = -\tfrac12\, s^\top W s = -\tfrac12 \sum_{i,j} W_{ij}\, s_i s_j .$$
#
# It is low when connected units agree with their connection's sign. A stored
# pattern makes every Hebbian term it wrote negative, so it sits low. How low
# can be worked out exactly: section 5 shows that $E(s) = -\tfrac{N}{2}\sum_\mu
# m_\mu^2 + \tfrac{P}{2}$, where $m_\mu$ is the overlap of $s$ with pattern
# $\mu$. A stored digit has overlap 1 with itself and 1/2 with the other, so
# $E = -392\,(1 + \tfrac14) + 1 = -489$. A random state has overlaps near 0
# and an energy near 0.

# %%
stored_energies = hf.energy(W, patterns)
random_energies = hf.energy(W, jnp.where(jax.random.bernoulli(jax.random.PRNGKey(0), 0.5, (5, N)), 1.0, -1.0))
print("E(stored '9'), E(stored '4'):", np.round(np.asarray(stored_energies), 2))
print("E of 5 random states:        ", np.round(np.asarray(random_energies), 2))
check_at_most("distance of E(stored digit) from -489 (float32 rounding only)",
              jnp.abs(stored_energies + 489).max(), 0.01)
check("both stored digits lie far below all five random states",
      stored_energies.max() < random_energies.min() - 400)

# %% [markdown]
# ## 2. Repairing digits with 10% of their pixels flipped
#
# **Noise.** `hf.flip_noise` flips the sign of every pixel independently with
# probability $p$: with $p = 0.1$ about 78 of the 784 pixels end up wrong.
# (The source tutorial's Bernoulli noise instead *overwrites* the chosen
# pixels with one fixed value; the chosen pixels that already have that value
# do not change, so it damages fewer than a fraction $p$ of the pixels.
# Flipping is the harder, cleaner test: exercise 2 measures the difference.)
#
# **Asynchronous recall.** Pick a unit $i$, compute its local field
# $h_i = \sum_j W_{ij} s_j$ and set $s_i \leftarrow \operatorname{sgn}(h_i)$;
# repeat. If the field is exactly 0, the unit keeps its value (our rule for
# the tie; $\operatorname{sgn}(0) = 0$ would leave a pixel that is neither ink
# nor background). Changing only unit $i$ changes the energy by
#
# $$\Delta E = -(s_i^{\text{new}} - s_i^{\text{old}})\, h_i \;\le\; 0 ,$$
#
# because the new value has the sign of $h_i$ (this uses $W_{ii} = 0$). So the
# energy never rises, and since there are finitely many states, the network
# must come to rest in a state no single flip can improve: a fixed point.
#
# We make 5000 updates, as the source tutorial does. Units are visited in
# sweeps, each a fresh random order of all 784 units, so 5000 updates are 6
# full sweeps and part of a seventh. (Drawing units at random *with*
# replacement would, on average, never visit about $784\,e^{-5000/784} \approx
# 1.3$ of them.) `hf.async_recover` runs the updates inside one `lax.scan`
# and records the energy after each one.

# %%
N_UPDATES = 5000
P_FLIP = 0.1
key = jax.random.PRNGKey(3)
key, key_noise, key_order = jax.random.split(key, 3)
noisy = hf.flip_noise(key_noise, patterns, P_FLIP)
recovered, energy_traces = [], []
for digit, cue, k in zip(patterns, noisy, jax.random.split(key_order, 2)):
    state, trace = hf.async_recover(W, cue, k, N_UPDATES, record_energy=True)
    recovered.append(state)
    energy_traces.append(np.asarray(trace))

for name, digit, cue, state, trace in zip(("'9'", "'4'"), patterns, noisy, recovered, energy_traces):
    print(f"{name}: {wrong_pixels(cue, digit)} wrong pixels in the noisy cue, "
          f"{wrong_pixels(state, digit)} after {N_UPDATES} updates; energy {float(hf.energy(W, cue)):.1f} → "
          f"{trace[-1]:.1f}")
check("each cue has 45 to 112 flipped pixels (78 ± 4 standard deviations)",
      all(45 <= wrong_pixels(cue, digit) <= 112 for digit, cue in zip(patterns, noisy)))
check("both digits are repaired exactly: 0 wrong pixels",
      all(wrong_pixels(state, digit) == 0 for digit, state in zip(patterns, recovered)))
check("the recorded energy never rises, at any of the updates",
      all((np.diff(trace) <= 0).all() for trace in energy_traces))
check_at_most("gap between the recorded final energy and E(s) recomputed from the final state",
              max(abs(trace[-1] - float(hf.energy(W, state))) for state, trace in zip(recovered, energy_traces)),
              0.02)

for name, digit, cue, state in zip(("'9'", "'4'"), patterns, noisy, recovered):
    show_images([cue, state, digit],
                [f"cue: {wrong_pixels(cue, digit)} pixels flipped",
                 f"after {N_UPDATES} updates: {wrong_pixels(state, digit)} wrong", "stored original"],
                f"Recall of the {name} from 10% flip noise")

# %%
for name, trace in zip(("'9'", "'4'"), energy_traces):
    settled = int(np.argmax(trace == trace[-1])) + 1
    print(f"{name}: the energy reaches its final value at update {settled} (one sweep = {N} updates)")
    check(f"the {name} is repaired within the first sweep", settled <= N)
fig, ax = plt.subplots(figsize=(8, 3.5))
for name, trace in zip(("'9'", "'4'"), energy_traces):
    ax.plot(np.arange(1, N_UPDATES + 1), trace, label=f"cue: noisy {name}")
ax.axhline(float(hf.energy(W, nine)), color="grey", linestyle=":", label="energy of the stored digits")
for sweep in range(1, N_UPDATES // N + 1):
    ax.axvline(sweep * N, color="0.85", linewidth=0.8, zorder=0)
ax.set_xlabel("update number (grey lines: end of each sweep of 784 units)")
ax.set_ylabel("energy E = -½ sᵀWs")
ax.set_title("Energy during asynchronous recall: it only goes down")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# All the repair happens in the first sweep: once every unit has been visited
# once, the cue has reached the bottom of its valley, and the remaining
# updates change nothing.
#
# ## 3. A blotted-out block plus flip noise
#
# Now the '9' gets a rectangle of rows 7–19 and columns 8–24 painted solid ink
# (`hf.mask_noise`, the same block as the source tutorial), and then 10% flip
# noise on top.

# %%
key, key_noise, key_order = jax.random.split(key, 3)
masked = hf.mask_noise(nine.reshape(SIDE, SIDE), rows=(7, 20), cols=(8, 25), value=1).reshape(N)
masked_noisy = hf.flip_noise(key_noise, masked, P_FLIP)
repaired, mask_trace = hf.async_recover(W, masked_noisy, key_order, N_UPDATES, record_energy=True)
print(f"wrong pixels: {wrong_pixels(masked, nine)} after the mask, {wrong_pixels(masked_noisy, nine)} "
      f"after mask and flips, {wrong_pixels(repaired, nine)} after {N_UPDATES} updates")
print(f"overlap of the cue with the '9': {float(hf.overlap(masked_noisy, nine)):.3f}, "
      f"with the '4': {float(hf.overlap(masked_noisy, four)):.3f}")
check_between("fraction of the cue's pixels that are wrong", wrong_pixels(masked_noisy, nine) / N, 0.17, 0.28)
check("the cue still overlaps the '9' more than the '4'",
      hf.overlap(masked_noisy, nine) > hf.overlap(masked_noisy, four))
check("the '9' is repaired exactly: 0 wrong pixels", wrong_pixels(repaired, nine) == 0)
check("the recorded energy never rises", (np.diff(np.asarray(mask_trace)) <= 0).all())
show_images([masked, masked_noisy, repaired, nine],
            [f"masked: {wrong_pixels(masked, nine)} wrong", f"+ flips: {wrong_pixels(masked_noisy, nine)} wrong",
             f"recalled: {wrong_pixels(repaired, nine)} wrong", "stored '9'"],
            "Recall of the '9' from mask plus 10% flip noise")

fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(np.arange(1, N_UPDATES + 1), mask_trace)
ax.set_xlabel("update number")
ax.set_ylabel("energy E = -½ sᵀWs")
ax.set_title("Energy during recall of the masked, noisy '9'")
fig.tight_layout()
plt.show()

# %% [markdown]
# Around a fifth of the image is wrong, yet the cue still resembles the '9'
# more than the '4', and that is all recall needs: the field at each pixel is
# a vote of the stored patterns weighted by how much the current state
# resembles each of them.
#
# ## 4. Synchronous updates and the 2-cycle
#
# Updating all units at once, $s \leftarrow \operatorname{sgn}(W s)$, is one
# matrix product per step and looks like the natural vectorised version. It
# repairs the noisy '9' too:

# %%
sync_final, sync_states = hf.sync_recover(W, noisy[0], 4, record_states=True)
print("wrong pixels after 0, 1, 2, 3, 4 synchronous steps:",
      [wrong_pixels(s, nine) for s in sync_states])
check("synchronous updates repair the noisy '9' too: 0 wrong pixels", wrong_pixels(sync_final, nine) == 0)

# %% [markdown]
# But the energy argument of section 2 no longer holds: when many units change
# together, each one moves downhill *given the old values of the others*, and
# nothing guarantees that the combined move lowers the energy. The clearest
# failure is a state that every stored pattern is exactly orthogonal to,
# $\xi^\mu \cdot s = 0$ for all $\mu$. Then
#
# $$h = W s = \frac{1}{N}\sum_\mu \xi^\mu (\xi^\mu \cdot s) - \frac{P}{N}\, s = -\frac{P}{N}\, s ,$$
#
# (the second term is the missing diagonal), so *every* unit flips at once.
# The new state $-s$ is again orthogonal to both patterns, so it flips back:
# a 2-cycle, for ever. We build such a state from the '9' by inverting the
# first half, in reading order, of the pixels where the two digits agree, and
# the first half of those where they differ (both counts happen to be even).
# The result is the '9' with roughly its upper part inverted.

# %%
agree = np.flatnonzero(np.asarray(nine == four))
differ = np.flatnonzero(np.asarray(nine != four))
print(f"pixels where the digits agree: {agree.size}, differ: {differ.size}")
orthogonal = np.asarray(nine).copy()
orthogonal[agree[: agree.size // 2]] *= -1
orthogonal[differ[: differ.size // 2]] *= -1
orthogonal = jnp.asarray(orthogonal)
print("ξ⁹·s and ξ⁴·s:", [int(v) for v in patterns @ orthogonal])
check("s is orthogonal to both stored digits", (patterns @ orthogonal == 0).all())

_, cycle = hf.sync_recover(W, orthogonal, 6, record_states=True)
print("overlap of state t with the start, t = 0..6:", [f"{float(m):+.0f}" for m in hf.overlap(cycle, orthogonal)])
print("energy of state t, t = 0..6:               ", [f"{float(e):+.2f}" for e in hf.energy(W, cycle)])
check("every unit flips at every synchronous step: state t is (-1)^t s",
      (cycle == jnp.where(jnp.arange(7)[:, None] % 2 == 0, orthogonal, -orthogonal)).all())
check_at_most("distance of E from P/2 = 1 along the cycle (float32 rounding only)",
              jnp.abs(hf.energy(W, cycle) - 1).max(), 0.01)
show_images(cycle[:4], [f"synchronous step {t}: E = {float(hf.energy(W, cycle[t])):+.2f}" for t in range(4)],
            "A 2-cycle between two states of equal energy: every unit flips at every synchronous step",
            size=2.4)

key, key_order = jax.random.split(key)
async_end, async_trace = hf.async_recover(W, orthogonal, key_order, N_UPDATES, record_energy=True)
print(f"asynchronous from the same state: energy {float(hf.energy(W, orthogonal)):+.1f} → {float(async_trace[-1]):+.1f}; "
      f"final overlap with '9' {float(hf.overlap(async_end, nine)):+.3f}, with '4' {float(hf.overlap(async_end, four)):+.3f}")
check("asynchronous updates end in a fixed point: one more update of all units changes nothing",
      wrong_pixels(hf.sync_recover(W, async_end, 1), async_end) == 0)
check("the recorded energy never rises", (np.diff(np.asarray(async_trace)) <= 0).all())

# %% [markdown]
# The energy along the cycle stays at $+1$: the synchronous network never
# descends, and shuttles for ever between two states ($s$ and $-s$) of equal
# energy. Asynchronous dynamics can never do that: each asynchronous flip
# lowers $E$ strictly (by $2|h_i| > 0$), so no state is ever visited twice.
# From the same state they escape at once: the first unit to flip breaks the
# perfect balance, and from there the energy falls until the state rests in a
# fixed point (the overlaps printed above say which one). Synchronous updates
# cannot break the balance, because every unit sees the same perfectly
# symmetric situation at the same moment.
#
# The constructed state is a knife-edge case. How often do synchronous updates
# end in a 2-cycle from ordinary starting points? In a crowded memory, often.
# Below, 300 random states are run synchronously for 100 steps in a network
# of 400 units holding 60 random patterns (a load $P/N = 0.15$, beyond the
# classical capacity $0.138\,N$ of section 6), and each run is classified by
# its last three states. The 300 runs are one `vmap`. Along every run we also
# track two quantities: the energy $E(s(t))$, and
#
# $$L(t) = -\,s(t)^\top W\, s(t+1),$$
#
# which couples each state to its successor. Both are computed with the
# integer weights $N W_{ij} = \sum_\mu \xi^\mu_i \xi^\mu_j$ (then divided by
# $N$), so every sum is exact and the counts below are the same on every
# machine.

# %%
def sync_runs(weights, starts, n_steps=100):
    """States s(0..n_steps) of synchronous runs from each start, shape (runs, n_steps + 1, N)."""
    return jax.vmap(lambda s: hf.sync_recover(weights, s, n_steps, record_states=True)[1])(starts)


def classify_sync_runs(states):
    """For each run: 'fixed' if s_T = s_{T-1}, 'cycle' if s_T = s_{T-2} ≠ s_{T-1}, else 'other'."""
    fixed = jnp.all(states[:, -1] == states[:, -2], axis=1)
    cycle = jnp.all(states[:, -1] == states[:, -3], axis=1) & ~fixed
    return fixed, cycle, ~fixed & ~cycle


key, key_pat, key_start = jax.random.split(key, 3)
crowded = jnp.where(jax.random.bernoulli(key_pat, 0.5, (60, 400)), 1.0, -1.0)
starts = jnp.where(jax.random.bernoulli(key_start, 0.5, (300, 400)), 1.0, -1.0)
states = sync_runs(hf.hebbian_weights(crowded), starts)
fixed, cycle, other = classify_sync_runs(states)
n_fixed, n_cycle, n_other = int(fixed.sum()), int(cycle.sum()), int(other.sum())
print(f"300 random starts, N = 400, P = 60, 100 synchronous steps: {n_fixed} fixed points, "
      f"{n_cycle} 2-cycles, {n_other} other")

# E and L along every run, from exact integer sums (all below 2**24, so exact in float32).
integer_weights = (crowded.T @ crowded) * (1.0 - jnp.eye(400))  # N·W
fields = states @ integer_weights                                # N·h(t), shape (runs, steps + 1, N)
E_runs = np.asarray(-0.5 * jnp.sum(states * fields, axis=-1)) / 400        # E(s(t))
L_runs = np.asarray(-jnp.sum(states[:, 1:] * fields[:, :-1], axis=-1)) / 400  # L(t) = -s(t)ᵀ W s(t+1)
E_rises, L_rises = np.diff(E_runs, axis=1) > 0, np.diff(L_runs, axis=1) > 0
cycle_np = np.asarray(cycle)
unequal_cycles = int(np.sum(E_runs[cycle_np, -1] != E_runs[cycle_np, -2]))
print(f"steps at which E rises: {int(E_rises.sum())} of {E_rises.size}, in {int(E_rises.any(axis=1).sum())} "
      f"of the 300 runs; largest rise {np.diff(E_runs, axis=1).max():.2f}")
print(f"2-cycles whose two states have different energies: {unequal_cycles} of {n_cycle}")
print(f"steps at which L rises: {int(L_rises.sum())}")
check("every run has ended in a fixed point or a 2-cycle", n_other == 0)
check_at_least("2-cycles among the 300 runs", n_cycle, 60)
check_at_least("runs in which the energy E rises at some synchronous step", int(E_rises.any(axis=1).sum()), 50)
check_at_least("2-cycles whose two states have different energies", unequal_cycles, 1)
check("L(t) = -s(t)ᵀ W s(t+1) never rises, at any step of any run", not L_rises.any())
check("no field h_i(t) is exactly 0, at any step of any run", bool((fields != 0).all()))

# %% [markdown]
# So in a crowded network the synchronous energy does go uphill, at many
# steps; and in most of the 2-cycles the two states have *different*
# energies, so the energy climbs back up once in every period, for ever.
# (The constructed cycle above was the special case of equal energies.)
# $L$, on the other hand, never rises: it is the quantity that synchronous
# dynamics descend. The proof takes two lines. With $h(t) = W s(t)$ and $W$
# symmetric,
#
# $$L(t) - L(t-1) = -\,h(t)^\top\big(s(t+1) - s(t-1)\big) = -\sum_i h_i(t)\,\big(s_i(t+1) - s_i(t-1)\big),$$
#
# and since $s_i(t+1)$ has the sign of $h_i(t)$, each term of the sum is
# either 0 (the unit is the same at $t+1$ as at $t-1$) or $2|h_i(t)| \ge 0$.
# So $L$ never rises. If no field is ever exactly 0, as in every step of these
# runs (checked), $L$ stays constant only when $s(t+1) = s(t-1)$. There are
# finitely many states, so $L$ can fall only finitely often; after that
# $s(t+1) = s(t-1)$ for ever, which is a fixed point or a 2-cycle, never a
# longer cycle. "Other" would count runs still on their way after 100 steps.
# Asynchronous updates rule out the cycles altogether.
#
# ## 5. Spurious states: valleys nobody stored
#
# **Inverted patterns.** $E(s)$ is quadratic in $s$, so $E(-s) = E(s)$, and
# $\operatorname{sgn}(W(-s)) = -\operatorname{sgn}(Ws)$: the photographic
# negative of every stored pattern is a fixed point at exactly the same
# energy. A cue closer to the negative than to the original is "repaired"
# into the negative.

# %%
for name, digit in (("'9'", nine), ("'4'", four)):
    moved = wrong_pixels(hf.sync_recover(W, -digit, 1), -digit)
    print(f"inverted {name}: energy {float(hf.energy(W, -digit)):.2f} (stored: {float(hf.energy(W, digit)):.2f}), "
          f"units that change in one update of all units: {moved}")
    check(f"the inverted {name} is a fixed point with exactly the energy of the {name}",
          moved == 0 and bool(hf.energy(W, -digit) == hf.energy(W, digit)))

# %% [markdown]
# **Mixture states.** The sign of the sum of an odd number of stored patterns,
# e.g. $s = \operatorname{sgn}(\xi^1 + \xi^2 + \xi^3)$, agrees with each of the
# three on about 3/4 of the units (overlap 1/2). Written with the overlaps
# $m_\mu = \xi^\mu \cdot s / N$, the energy is exactly
# $E = -\tfrac{N}{2}\sum_\mu m_\mu^2 + \tfrac{P}{2}$ (the $P/2$ removes the
# diagonal), so a stored pattern sits near $-\tfrac12 N$ and the mixture near
# $-\tfrac{N}{2}\cdot 3 \cdot \tfrac14 = -\tfrac38 N$: higher, but, as we check
# on three random patterns of $N = 500$ units, still a valley.

# %%
key, key_pat, key_order = jax.random.split(key, 3)
three = jnp.where(jax.random.bernoulli(key_pat, 0.5, (3, 500)), 1.0, -1.0)
W3 = hf.hebbian_weights(three)
mixture = jnp.sign(three.sum(axis=0))
after = hf.async_recover(W3, mixture, key_order, 10 * 500)
print("overlap of the mixture with the three patterns:", np.round(np.asarray(hf.overlap(mixture, three)), 3))
m = hf.overlap(mixture, three)
print(f"energy of the mixture: {float(hf.energy(W3, mixture)):.1f}; -N/2 Σ m² + P/2 = "
      f"{float(-250 * jnp.sum(m**2) + 1.5):.1f}; large-N value -3N/8 = {-3 * 500 / 8:.1f}")
print(f"energy of the stored patterns: {np.round(np.asarray(hf.energy(W3, three)), 1)} (about -N/2 = -250)")
print(f"units changed by 10 sweeps of asynchronous updates from the mixture: {wrong_pixels(after, mixture)}")
mixture_energy, three_energies = hf.energy(W3, mixture), hf.energy(W3, three)
check("the mixture agrees with each pattern on about 3/4 of the units: every overlap lies in [0.35, 0.65]",
      ((m >= 0.35) & (m <= 0.65)).all())
check_at_most("distance of E(mixture) from -N/2 Σ m² + P/2 (float32 rounding only)",
              jnp.abs(mixture_energy - (-250 * jnp.sum(m**2) + 1.5)), 0.01)
check("every stored pattern's energy lies in [-255, -245], near -N/2",
      ((three_energies >= -255) & (three_energies <= -245)).all())
check_between("energy of the mixture (large-N value -3N/8 = -187.5)", mixture_energy, -237.5, -137.5)
check("the mixture lies higher than every stored pattern", mixture_energy > three_energies.max())
check("... and is still a valley: 10 sweeps change no unit", wrong_pixels(after, mixture) == 0)

# %% [markdown]
# The mixture does not move: it is a fixed point the network was never taught.
# With *correlated* patterns, such as digits, the mixture can be worse than a
# side valley. Store a third digit, a '0', next to the '9' and the '4', and
# compare the energies.

# %%
zero = jnp.asarray(hf.images_to_patterns(digits.images[[0]], size=SIDE)[0], jnp.float32)
print(f"image 0 of load_digits is a '{digits.target[0]}'")
three_digits = jnp.stack([nine, four, zero])
W_digits = hf.hebbian_weights(three_digits)
digit_mixture = jnp.sign(three_digits.sum(axis=0))
energies = hf.energy(W_digits, jnp.concatenate([three_digits, digit_mixture[None]]))
unstable = [wrong_pixels(hf.sync_recover(W_digits, s, 1), s)
            for s in jnp.concatenate([three_digits, digit_mixture[None]])]
for name, e, u in zip(("'9'", "'4'", "'0'", "mixture"), energies, unstable):
    print(f"{name:>8}: energy {float(e):7.1f}, units that change in one update of all units: {u}")
key, key_noise, key_order = jax.random.split(key, 3)
cue9 = hf.flip_noise(key_noise, nine, P_FLIP)
recall9 = hf.async_recover(W_digits, cue9, key_order, N_UPDATES)
print(f"noisy '9' recalled with three digits stored: overlap with '9' {float(hf.overlap(recall9, nine)):.3f}, "
      f"with the mixture {float(hf.overlap(recall9, digit_mixture)):.3f}")
check("the mixture lies lower than each of the three digits", energies[3] < energies[:3].min())
check("the mixture is a fixed point", unstable[3] == 0)
check("the stored '9' and '0' are no longer fixed points", unstable[0] > 0 and unstable[2] > 0)
check("the noisy '9' is recalled as the mixture", wrong_pixels(recall9, digit_mixture) == 0)
show_images([nine, four, zero, digit_mixture, recall9],
            ["stored '9'", "stored '4'", "stored '0'", "mixture sgn(ξ⁹+ξ⁴+ξ⁰)", "recall of a noisy '9'"],
            "Three correlated digits: the mixture is the deepest valley", size=2.0)

# %% [markdown]
# The mixture of the three digits lies *lower* than any of them: the digits
# share most of their background and much of their ink, so their "average"
# collects the votes of all three. Worse, the stored '9' (and the '0') are no
# longer even fixed points, and a noisy '9' rolls straight into the mixture.
# Three correlated images are already too many; section 6 measures this.
#
# ## 6. Capacity: how many patterns fit?
#
# Each stored pattern adds crosstalk to the fields of all the others. For
# random patterns the field at unit $i$ while the network sits in pattern
# $\nu$ is about $\xi^\nu_i$ (the signal) plus a sum of about $P N$ random
# terms $\pm 1/N$ (the crosstalk, standard deviation $\sqrt{P/N}$). Once
# $P/N$ grows past a critical load, errors cascade and recall collapses; the classical
# analysis (Amit, Gutfreund and Sompolinsky, 1985) puts the collapse at
# $\alpha_c = P/N \approx 0.138$ for large $N$.
#
# We measure it for $N = 400$: for each $P$ from 4 to 100, six networks of $P$
# random patterns; in each, 20 cues (stored patterns with 5% of their units
# flipped), recalled with 8 asynchronous sweeps. A recall counts as a
# success when at most 1% of the units (4 of 400) end up wrong. Every
# network and cue runs in one jitted call: `vmap` over networks and values of
# $P$, and the 20 cues of one network recalled together as a batch.
#
# **Why "at most 1% wrong", and not "no unit wrong"?** "Capacity" depends on
# what one counts as recalled, and two classical results mark the two ends.
#
# * *Error-free recall.* If a stored pattern must come back with no wrong
#   unit at all, the capacity for random patterns is only about
#   $N/(2\ln N)$ as $N \to \infty$: that many patterns can be stored while
#   most of them are still recovered exactly from a cue closer to them than
#   $N/2$ (McEliece, Posner, Rodemich and Venkatesh, 1987; if *every*
#   pattern must be recovered exactly, $N/(4\ln N)$). For $N = 400$,
#   $N/(2\ln N) \approx 33$, a load of 0.083, and the ratio $P/N$ shrinks to
#   0 as $N$ grows.
# * *Recall with a few errors.* The $0.138\,N$ of Amit, Gutfreund and
#   Sompolinsky (1985) counts a pattern as retrieved when the network settles
#   in a state *close* to it. Close is not equal: the retrieved state has a
#   small fraction of wrong units, which grows with the load and reaches
#   about 1.6 % at $\alpha_c \approx 0.138$ (overlap $m \approx 0.967$).
#   Beyond $\alpha_c$ that state disappears and recall collapses.
#
# Our criterion sits between the two: it forgives the odd wrong unit, but
# 1 % is less than the 1.6 % of the theory's retrieval state at $\alpha_c$,
# so it is a little stricter than the theory's notion right at the critical
# load. The table shows both criteria, "exact" (0 wrong units) and
# "≤ 1 % wrong".
#
# One detail matters for exactness. With an even number of stored patterns a
# field can be exactly 0, and the update rule then keeps the unit as it is.
# With weights $\pm 1/N$ in float32, a sum that should be 0 usually comes out
# as a tiny rounding residue of either sign, which the rule obeys instead, and
# the residue's sign depends on the order in which the CPU adds the terms. So
# the weights below leave out the factor $1/N$: that changes no field's sign,
# the weights become the integers $\sum_\mu \xi^\mu_i \xi^\mu_j$, every field is
# an integer computed exactly, and the result is the same on every machine.

# %%
N_CAP, P_MAX, N_NETWORKS, N_CUES, SWEEPS, CUE_NOISE = 400, 100, 6, 20, 8, 0.05
P_VALUES = np.arange(4, P_MAX + 1, 4)


def recall_overlaps(key, patterns, n_stored):
    """Store the first n_stored rows of `patterns`; recall N_CUES noisy cues; return final overlaps."""
    key_noise, key_order = jax.random.split(key)
    n_units = patterns.shape[1]
    stored = jnp.where(jnp.arange(patterns.shape[0])[:, None] < n_stored, patterns, 0.0)
    weights = (stored.T @ stored) * (1.0 - jnp.eye(n_units))  # N x Hebbian rule: integers, exact fields
    targets = patterns[jnp.arange(N_CUES) % n_stored]
    cues = hf.flip_noise(key_noise, targets, CUE_NOISE)
    final = hf.async_recover(weights, cues, key_order, SWEEPS * n_units)
    return hf.overlap(final, targets)


@jax.jit
def capacity_curve(key, p_values):
    key_pat, key_recall = jax.random.split(key)
    patterns = jnp.where(jax.random.bernoulli(key_pat, 0.5, (N_NETWORKS, P_MAX, N_CAP)), 1.0, -1.0)
    keys = jax.random.split(key_recall, (len(p_values), N_NETWORKS))
    over_networks = jax.vmap(recall_overlaps, in_axes=(0, 0, None))
    return jax.vmap(over_networks, in_axes=(0, None, 0))(keys, patterns, p_values)


overlaps = np.asarray(capacity_curve(jax.random.PRNGKey(6), jnp.asarray(P_VALUES)))
overlaps = overlaps.reshape(len(P_VALUES), -1)  # (P values, networks x cues)
success = (overlaps >= 0.98).mean(axis=1)  # overlap ≥ 0.98 means at most 1% of the units wrong
exact = (overlaps == 1).mean(axis=1)       # no unit wrong
print(" P   P/N   recalled exactly   recalled (≤1% wrong)   mean final overlap")
for p, frac_exact, frac, m in zip(P_VALUES, exact, success, overlaps.mean(axis=1)):
    print(f"{p:3d}  {p / N_CAP:.2f}   {frac_exact:16.2f}   {frac:20.2f}   {m:18.3f}")

# %%
def half_point(p_values, fraction):
    """P at which `fraction` first falls below 1/2, interpolated linearly between grid points."""
    i = int(np.argmax(fraction < 0.5))
    p0, p1, f0, f1 = p_values[i - 1], p_values[i], fraction[i - 1], fraction[i]
    return p0 + (f0 - 0.5) / (f0 - f1) * (p1 - p0)


p_half = half_point(P_VALUES, success)
p_half_exact = half_point(P_VALUES, exact)
p_mceliece = N_CAP / (2 * np.log(N_CAP))
print(f"half of the recalls fail from P ≈ {p_half:.1f}, i.e. P/N ≈ {p_half / N_CAP:.3f} "
      f"(classical large-N limit: 0.138, i.e. P ≈ {0.138 * N_CAP:.0f} for N = {N_CAP})")
print(f"half of the recalls are not exact from P ≈ {p_half_exact:.1f}, i.e. P/N ≈ {p_half_exact / N_CAP:.3f}")
print(f"N/(2 ln N) = {p_mceliece:.1f} for N = {N_CAP}; exact recalls at the grid points up to it: "
      f"at least {exact[P_VALUES <= p_mceliece].min():.2f}")

# %% [markdown]
# What must hold for random patterns, whatever the machine: every recall
# succeeds at light load, almost none at a load well past the classical limit,
# and the half point lies close to it. Exact recall gives out earlier: its
# first failures come below $N/(2\ln N) \approx 33$ patterns, yet up to
# that load nearly all recalls are still exact, and half of them are no
# longer exact from a load somewhat below $0.138$. (At $N = 400$ the
# asymptotic formulas are guides, not sharp lines.)

# %%
check("every recall succeeds for P/N ≤ 0.05", (success[P_VALUES <= 0.05 * N_CAP] == 1).all())
check_at_most("fraction of recalls that succeed for P/N ≥ 0.22", success[P_VALUES >= 0.22 * N_CAP].max(), 0.1)
check_between("measured half point P/N", p_half / N_CAP, 0.12, 0.18)
check("exact recall first fails at a load below N/(2 ln N)", (exact[P_VALUES < p_mceliece] < 1).any())
check_at_least("fraction of exact recalls at every grid point P ≤ N/(2 ln N)",
               exact[P_VALUES <= p_mceliece].min(), 0.9)
check("the half point of exact recall lies below both 0.138 N and the ≤1% half point",
      p_half_exact < min(0.138 * N_CAP, p_half))

# %% [markdown]
# Now correlated patterns: real digits. We store the first $P$ images of
# scikit-learn's digit set (they cycle through the classes 0–9), enlarged and
# binarised exactly like the '9' and '4' ($N = 784$), and recall them from 5%
# flip noise in the same way.

# %%
P_DIGITS = np.arange(1, 13)
check("the first 12 images are the digits 0–9, then 0 and 1", (digits.target[:12] == np.arange(12) % 10).all())
digit_patterns = jnp.asarray(hf.images_to_patterns(digits.images[:P_DIGITS[-1]], size=SIDE), jnp.float32)
mean_digit_overlap = float(jnp.abs(digit_patterns @ digit_patterns.T / N)[~np.eye(len(P_DIGITS), dtype=bool)].mean())
print(f"mean |overlap| between two of these digits: {mean_digit_overlap:.2f} "
      f"(two random patterns of 784 units: about {np.sqrt(2 / np.pi / N):.3f})")


@jax.jit
def digit_curve(key, p_values):
    keys = jax.random.split(key, len(p_values))
    return jax.vmap(recall_overlaps, in_axes=(0, None, 0))(keys, digit_patterns, p_values)


digit_overlaps = np.asarray(digit_curve(jax.random.PRNGKey(7), jnp.asarray(P_DIGITS)))
digit_success = (digit_overlaps >= 0.98).mean(axis=1)
print("P: " + " ".join(f"{p:4d}" for p in P_DIGITS))
print("   " + " ".join(f"{f:4.2f}" for f in digit_success) + "   (fraction recalled, ≤1% wrong)")
first_failure = int(P_DIGITS[np.argmax(digit_success < 1.0)])
print(f"first P with a failed recall: {first_failure} digits, P/N = {first_failure / N:.4f}")
check("one and two digits are always recalled", (digit_success[:2] == 1).all())
check("the first failed recall comes with the third digit", first_failure == 3)
check("from four digits on, no recall succeeds", (digit_success[3:] == 0).all())

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 5.2))
ax = axes[0]
ax.plot(P_VALUES / N_CAP, success, "o-", label="fraction recalled, ≤1% wrong")
ax.plot(P_VALUES / N_CAP, exact, "v-", color="C2", markersize=5, label="fraction recalled exactly (0 wrong)")
ax.plot(P_VALUES / N_CAP, overlaps.mean(axis=1), "s--", color="C1", markersize=4, label="mean final overlap")
ax.axvline(p_mceliece / N_CAP, color="C2", linestyle="--", linewidth=1,
           label=f"N/(2 ln N): P/N = {p_mceliece / N_CAP:.3f}")
ax.axvline(0.138, color="k", linestyle=":", label="classical limit P/N = 0.138")
ax.axvline(p_half / N_CAP, color="C0", linestyle="-.", linewidth=1,
           label=f"measured half point (≤1% wrong): {p_half / N_CAP:.3f}")
ax.set_xlabel("load P/N (stored patterns per unit)")
ax.set_ylabel("fraction of recalls / overlap")
ax.set_ylim(-0.02, 1.05)
ax.set_title("Random patterns, N = 400: recall against load\n(120 recalls per point: 6 networks × 20 cues)",
             fontsize=11)
ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
ax = axes[1]
ax.plot(P_DIGITS, digit_success, "^-", color="C3", label="sklearn digits, N = 784")
ax.legend()
ax.set_xlabel("number of stored digits P (N = 784 units)")
ax.set_ylabel("fraction recalled (≤1% wrong)")
ax.set_xticks(P_DIGITS)
ax.set_ylim(-0.02, 1.05)
ax.set_title(f"Correlated digits: 0.138 N would be {0.138 * N:.0f} patterns")
fig.tight_layout()
plt.show()

# %% [markdown]
# Two lessons. For random patterns the measured collapse sits close to the
# classical $0.138\,N$ (the printed half point, which the checks hold between
# $0.12\,N$ and $0.18\,N$); at $N = 400$ it is a smooth slope rather than a
# cliff, because the theory's sharp transition only appears as
# $N \to \infty$, and where exactly one draws the line depends on what one
# counts as a success. For real images the picture is far worse: the
# digits overlap strongly, the crosstalk no longer averages out, and the
# network fails as soon as a third digit is stored (checked above), more than
# an order of magnitude below $0.138\,N \approx 108$. A classical Hopfield
# network holds a few images, not a photo album.
#
# ## 7. Where next: a sharper energy (notebook 05)
#
# The energy above can be rewritten in terms of the overlaps with the stored
# patterns: up to a constant,
#
# $$E(s) = -\frac{1}{2N}\sum_\mu (\xi^\mu \cdot s)^2 .$$
#
# Each pattern contributes the *square* of its agreement with the state. The
# Dense Associative Memory (Krotov and Hopfield, 2016) replaces the square by
# a steeper function $F$: $E(s) = -\sum_\mu F(\xi^\mu \cdot s)$ with
# $F(x) = x^n$ or even $F(x) = e^{x}$. A steeper $F$ makes the pattern that
# matches the state best dominate the sum, and shrinks the crosstalk from
# patterns that match only partly. The payoff is capacity: about
# $N^{n-1}$ patterns for $F(x) = x^n$, and exponentially many in $N$ for
# the exponential, instead of $0.138\,N$. Notebook 05 builds that model from
# its energy, in JAX, and puts it to work.
#
# ## 8. What to try next
#
# 1. **Noise level.** Repeat section 2 for $p = 0.2, 0.3, 0.4, 0.5$. Where
#    does recall of the '9' start to fail, and what does it end in? (Hint: at
#    $p = 0.5$ the cue carries no information; where should it go?)
# 2. **Overwriting noise.** Write the source tutorial's version of Bernoulli
#    noise (chosen pixels set to $+1$) and measure how many pixels it really
#    changes at $p = 0.1$.
# 3. **Synchronous dynamics.** Plot $E(t)$ and $L(t)$ along one of the
#    synchronous runs of section 4 that ends in a 2-cycle of unequal
#    energies. Then find where the proof that $L$ never rises uses the
#    symmetry of $W$: make $W$ non-symmetric (e.g. add a small random
#    non-symmetric matrix) and look for cycles longer than 2.
# 4. **Capacity and N.** Rerun the capacity measurement for $N = 200$ and
#    $N = 800$ (scale the grid of $P$). Does the half point move towards
#    0.138, and does the slope get steeper?
# 5. **Decorrelate the digits.** Subtract each pixel's mean over the stored
#    digits before applying the Hebbian rule (a "covariance rule") and measure
#    how many digits it can now hold.
# 6. **Mixtures of more patterns.** Check whether $\operatorname{sgn}(\xi^1 +
#    \dots + \xi^5)$ is still a fixed point for random patterns, and how its
#    energy compares with $-\tfrac12 N$.
#
# **Check yourself.** Replace `None` by your answers in the cell below and
# run it: it prints ✓ for a right answer and a hint otherwise (exercise 5 is
# open: compare your counts with the solutions). The worked solutions are in
# [`solutions/04_discrete_hopfield.ipynb`](../solutions/04_discrete_hopfield.ipynb);
# try first, then compare.

# %%
from tutorial_support.exercises import check_answer

check_answer("04.1", None)  # a number of states
check_answer("04.2", None)  # a fraction of the 784 pixels
check_answer("04.3", None)  # a number of steps
check_answer("04.4", None)  # a load P/N
check_answer("04.6", None)  # a ratio

# %% [markdown]
# ## References
#
# * D. J. Amit, H. Gutfreund and H. Sompolinsky (1985). Storing infinite
#   numbers of patterns in a spin-glass model of neural networks. *Physical
#   Review Letters* 55(14), 1530–1533.
# * J. J. Hopfield (1982). Neural networks and physical systems with emergent
#   collective computational abilities. *Proceedings of the National Academy
#   of Sciences* 79(8), 2554–2558.
# * D. Krotov and J. J. Hopfield (2016). Dense associative memory for pattern
#   recognition. *Advances in Neural Information Processing Systems* 29.
# * R. J. McEliece, E. C. Posner, E. R. Rodemich and S. S. Venkatesh (1987).
#   The capacity of the Hopfield associative memory. *IEEE Transactions on
#   Information Theory* 33(4), 461–482.
#
# The tutorial this notebook follows: BrainPy examples (2023), "Discrete
# Hopfield Network Demo for Image Reconstruction",
# <https://github.com/brainpy/examples>.
