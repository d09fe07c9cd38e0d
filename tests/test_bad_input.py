"""Bad inputs to the package's public functions: each fails with a clear error of the package.

One row of a table per case: the call, the exception it must raise and a
fragment its message must hold. Every error must be raised by the package
itself (tutorial_support/validate.py or the module), not escape from JAX or
NumPy. The Fashion-MNIST loader has its own table, in test_bad_input_data.py.
Valid inputs that used to be refused (NumPy integers, 0-d arrays) are checked
at the end, with the energy record of hopfield.update_units for any W.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import (binary, capacity, checks, colab, dam, energy, exercises, fhrr,
                              hopfield, validate)

# JAX hides its own frames from tracebacks by default; show them, so that an error raised
# deep inside JAX cannot pass for one the package raised.
jax.config.update("jax_traceback_filtering", "off")

KEY = jax.random.PRNGKey(0)
NAN = np.array([0.1, np.nan, 0.2], np.float32)
INF = np.array([0.1, np.inf, 0.2], np.float32)
PM1 = np.array([1, -1, 1, -1], np.int8)
ZEROS = np.zeros(4, np.int8)
STATES = np.array([[1, -1, 1, -1], [1, 1, -1, -1]], np.float32)
W = np.asarray(hopfield.hebbian_weights(STATES))

X3 = np.array([0.1, -0.2, 0.3], np.float32)
NET = energy.Network(
    layers={"visible": energy.Layer(energy.quadratic_lagrangian, (3,)),
            "memory": energy.Layer(energy.lse_lagrangian, (2,))},
    synapses=(energy.Synapse(energy.dense_synapse(np.ones((2, 3), np.float32)), ("visible", "memory")),),
)
GOOD = {"visible": X3, "memory": np.zeros(2, np.float32)}
IMAGES = np.random.default_rng(0).random((3, 16)).astype(np.float32)  # three 4 × 4 grey images
MEMORY = dam.ConditionalMemory(IMAGES, np.eye(3), beta=1.0, label_strength=10.0)
X16 = IMAGES[0]
PAGE = Path(__import__("tempfile").gettempdir()) / "bad_input_page.html"  # written only by a silent call


def page(**change):
    """dam.export_page with valid arguments, except those in `change`."""
    arguments = dict(memory=MEMORY, names=["a", "b", "c"], pca_mean=np.zeros(16),
                     pca_components=np.zeros((2, 16)), alpha=0.1, path=PAGE)
    return dam.export_page(**(arguments | change))


class Case(NamedTuple):
    id: str
    call: Callable[[], object]
    error: type[Exception]
    fragment: str


FHRR = [
    Case("similarity-nan", lambda: fhrr.similarity(NAN, NAN), ValueError, "must be finite"),
    Case("similarity-inf", lambda: fhrr.similarity(INF, NAN * 0), ValueError, "must be finite"),
    Case("similarity-ints", lambda: fhrr.similarity(PM1, PM1), TypeError, "floating-point"),
    Case("similarity-string", lambda: fhrr.similarity("abc", NAN), TypeError, "got the str"),
    Case("similarity-None", lambda: fhrr.similarity(None, NAN), TypeError, "got None"),
    Case("similarity-dims", lambda: fhrr.similarity(np.zeros(3), np.zeros(4)), ValueError,
         "same dimension D"),
    Case("similarity-scalar", lambda: fhrr.similarity(np.float32(1), np.float32(1)), ValueError,
         "must have shape"),
    Case("similarity-empty", lambda: fhrr.similarity(np.zeros(0), np.zeros(0)), ValueError,
         "must not be empty"),
    Case("similarity_matrix-1d", lambda: fhrr.similarity_matrix(np.zeros(3), np.zeros(3)),
         ValueError, "2-D"),
    Case("bind-nan", lambda: fhrr.bind(NAN, np.zeros(3, np.float32)), ValueError, "must be finite"),
    Case("unbind-inf", lambda: fhrr.unbind(np.zeros(3, np.float32), INF), ValueError, "must be finite"),
    Case("wrap-nan", lambda: fhrr.wrap(NAN), ValueError, "must be finite"),
    Case("wrap-ints", lambda: fhrr.wrap(np.arange(3)), TypeError, "floating-point"),
    Case("bundle-empty-list", lambda: fhrr.bundle([]), ValueError, "at least one symbol"),
    Case("bundle-axis-float", lambda: fhrr.bundle(np.zeros((2, 3)), axis=0.5), TypeError, "axis"),
    Case("bundle-axis-range", lambda: fhrr.bundle(np.zeros((2, 3)), axis=5), ValueError,
         "axis must be an integer from -2 to 1"),
    Case("bundle-nan-member", lambda: fhrr.bundle([np.zeros(3), NAN]), ValueError, "must be finite"),
    # angles float32 keeps no fraction of (1e30 + b rounds to 1e30: bind would return -1 everywhere)
    Case("bind-huge-angle", lambda: fhrr.bind(np.full(3, 1e30, np.float32), X3), ValueError,
         "|angle| <= 4096"),
    Case("similarity-huge-angle", lambda: fhrr.similarity(X3, np.array([0.1, -5e3, 0.2], np.float32)),
         ValueError, "|angle| <= 4096; 1 of 3 entries are larger"),
    Case("unbind-huge-angle", lambda: fhrr.unbind(X3, np.full(3, -2.0**24, np.float32)), ValueError,
         "reduce large ones exactly in float64"),
    Case("wrap-huge-angle", lambda: fhrr.wrap(np.full(2, 1e30, np.float32)), ValueError,
         "|angle| <= 4096"),
    Case("bundle-huge-member", lambda: fhrr.bundle([X3, np.full(3, 1e9, np.float32)]), ValueError,
         "symbols[1] must hold normalised phase angles"),
    # the last axis holds the D components of each symbol, not symbols to bundle
    Case("bundle-axis-components", lambda: fhrr.bundle(np.zeros((2, 3), np.float32), axis=-1),
         ValueError, "not the last axis, which holds the D components"),
    Case("bundle-axis-components-3d", lambda: fhrr.bundle(np.zeros((4, 2, 3), np.float32), axis=2),
         ValueError, "Use axis=0 for an (n, D) array"),
    Case("random_symbols-n-float", lambda: fhrr.random_symbols(KEY, 1.5, 8), TypeError,
         "n must be an integer"),
    Case("random_symbols-n-bool", lambda: fhrr.random_symbols(KEY, True, 8), TypeError,
         "n must be an integer"),
    Case("random_symbols-n-zero", lambda: fhrr.random_symbols(KEY, 0, 8), ValueError, ">= 1"),
    Case("random_symbols-dimension-string", lambda: fhrr.random_symbols(KEY, 2, "8"), TypeError,
         "dimension must be an integer"),
    Case("random_symbols-key-int", lambda: fhrr.random_symbols(0, 2, 8), TypeError, "PRNG key"),
    Case("identity-negative", lambda: fhrr.identity(-3), ValueError, "dimension"),
]

BINARY = [
    Case("cosine-zeros", lambda: binary.cosine_similarity(ZEROS, ZEROS), ValueError,
         "only -1 and +1"),
    Case("hamming-zeros", lambda: binary.hamming_similarity(ZEROS, ZEROS), ValueError,
         "only -1 and +1"),
    Case("cosine-twos", lambda: binary.cosine_similarity(2 * PM1, PM1), ValueError,
         "only -1 and +1"),
    Case("cosine-nan", lambda: binary.cosine_similarity(np.array([1.0, np.nan]), np.ones(2)),
         ValueError, "must be finite"),
    Case("cosine-bool", lambda: binary.cosine_similarity(PM1 > 0, PM1 > 0), TypeError, "dtype bool"),
    Case("cosine-dims", lambda: binary.cosine_similarity(PM1, PM1[:3]), ValueError, "same dimension D"),
    Case("bind-string", lambda: binary.bind("ab", PM1), TypeError, "got the str"),
    Case("bind-empty", lambda: binary.bind(PM1[:0], PM1[:0]), ValueError, "must not be empty"),
    Case("similarity_matrix-1d", lambda: binary.similarity_matrix(PM1, PM1), ValueError, "2-D"),
    Case("bundle-even-no-key", lambda: binary.bundle(np.stack([PM1, PM1])), ValueError, "pass key="),
    Case("bundle-bad-key", lambda: binary.bundle(np.stack([PM1, PM1]), key=3), TypeError, "PRNG key"),
    Case("bundle-axis-range", lambda: binary.bundle(np.stack([PM1, PM1]), axis=2), ValueError,
         "axis must be an integer"),
    Case("bundle-empty-list", lambda: binary.bundle([]), ValueError, "at least one hypervector"),
    Case("permute-float-shift", lambda: binary.permute(PM1, 1.5), TypeError, "shifts must be an integer"),
    Case("random_hypervectors-n-float", lambda: binary.random_hypervectors(KEY, 2.0, 8), TypeError,
         "n must be an integer"),
    Case("random_hypervectors-dimension-zero", lambda: binary.random_hypervectors(KEY, 2, 0),
         ValueError, "dimension must be an integer >= 1"),
    Case("level_hypervectors-bool-count", lambda: binary.level_hypervectors(KEY, True, 8), TypeError,
         "got bool True"),
    Case("make_levels-one-level", lambda: binary.make_levels(KEY, 1, 8), ValueError, ">= 2"),
    Case("make_levels-small-dimension", lambda: binary.make_levels(KEY, 10, 8), ValueError,
         "dimension must be an integer >= 18"),
    Case("quantize-ints", lambda: binary.quantize(np.arange(3), 4), TypeError, "floating-point"),
    Case("quantize-nan", lambda: binary.quantize(NAN, 4), ValueError, "must not be NaN"),
    Case("quantize-levels-float", lambda: binary.quantize(NAN * 0, 2.5), TypeError, "levels"),
    Case("quantize-low-high", lambda: binary.quantize(np.zeros(3, np.float32), 4, 1.0, -1.0),
         ValueError, "high must be greater than low"),
    Case("quantize-low-nan", lambda: binary.quantize(np.zeros(3, np.float32), 4, np.nan),
         ValueError, "low must be a finite number"),
    Case("sign_with_ties-nan", lambda: binary.sign_with_ties(NAN, np.ones(3, np.int8)), ValueError,
         "must be finite"),
    Case("sign_with_ties-ties-zero", lambda: binary.sign_with_ties(np.zeros(3), np.zeros(3)),
         ValueError, "ties must hold only"),
    Case("encode-values-nan", lambda: binary.encode(np.stack([PM1, -PM1]), np.stack([PM1] * 3),
                                                    np.full((2, 3), np.nan), ties=PM1),
         ValueError, "must be finite"),
    Case("encode-values-1d", lambda: binary.encode(np.stack([PM1, -PM1]), np.stack([PM1] * 3),
                                                   np.zeros(3), ties=PM1),
         ValueError, "(n, F)"),
    Case("encode-chunk-zero", lambda: binary.encode(np.stack([PM1, -PM1]), np.stack([PM1] * 3),
                                                    np.zeros((2, 3)), chunk=0, ties=PM1),
         ValueError, "chunk"),
    Case("encode_levels-not-levels", lambda: binary.encode_levels(np.stack([PM1, -PM1]),
                                                                  np.stack([PM1] * 3),
                                                                  np.zeros((2, 3)), ties=PM1),
         TypeError, "Levels"),
    Case("Levels-base-not-pm1", lambda: binary.Levels(np.zeros(4, np.int8), np.arange(4), 1, 3).hypervectors(),
         ValueError, "Levels.base must hold only -1 and +1"),
    Case("Levels-order-not-permutation", lambda: binary.Levels(PM1, np.zeros(4, np.int32), 1, 3).hypervectors(),
         ValueError, "permutation of 0..3"),
    Case("Levels-strings", lambda: binary.Levels("ab", None, 1, 2).hypervectors(), TypeError, "Levels.base"),
    Case("encode_levels-step-too-big", lambda: binary.encode_levels(
        binary.Levels(PM1, np.arange(4), 5, 3), np.stack([PM1] * 3), np.zeros((2, 3), np.float32),
        ties=PM1), ValueError, "Levels.step"),
    Case("quantize-low-string", lambda: binary.quantize(np.zeros(3, np.float32), 4, "a"), TypeError,
         "low must be a real number"),
]

HOPFIELD = [
    Case("images_to_patterns-huge-size", lambda: hopfield.images_to_patterns(
        np.random.default_rng(0).random((2, 8, 8)), size=10**5), ValueError, "from 2 to 256"),
    Case("images_to_patterns-size-float", lambda: hopfield.images_to_patterns(
        np.ones((1, 8, 8)), size=8.5), TypeError, "size"),
    Case("images_to_patterns-nan", lambda: hopfield.images_to_patterns(
        np.full((1, 8, 8), np.nan)), ValueError, "must be finite"),
    Case("images_to_patterns-2d", lambda: hopfield.images_to_patterns(np.ones((8, 8))), ValueError,
         "(B, height, width)"),
    Case("images_to_patterns-threshold", lambda: hopfield.images_to_patterns(np.ones((1, 8, 8)),
                                                                           threshold=1.5),
         ValueError, "threshold"),
    Case("images_to_patterns-blank", lambda: hopfield.images_to_patterns(np.zeros((1, 8, 8))),
         ValueError, "blank image"),
    Case("overlap-zeros", lambda: hopfield.overlap(ZEROS, ZEROS), ValueError, "only -1 and +1"),
    Case("overlap-dims", lambda: hopfield.overlap(PM1, PM1[:3]), ValueError, "same dimension D"),
    Case("overlap-no-broadcast", lambda: hopfield.overlap(np.stack([PM1] * 2), np.stack([PM1] * 3)),
         ValueError, "broadcast"),
    Case("hebbian-zeros", lambda: hopfield.hebbian_weights(np.zeros((2, 4))), ValueError,
         "only -1 and +1"),
    Case("hebbian-1d", lambda: hopfield.hebbian_weights(PM1), ValueError, "(P, N)"),
    Case("energy-weights-nan", lambda: hopfield.energy(np.full((4, 4), np.nan), PM1), ValueError,
         "must be finite"),
    Case("energy-weights-ints", lambda: hopfield.energy(np.eye(4, dtype=int), PM1), TypeError,
         "floating-point"),
    Case("energy-weights-not-square", lambda: hopfield.energy(np.zeros((4, 3)), PM1), ValueError,
         "square"),
    Case("energy-weights-size", lambda: hopfield.energy(np.zeros((3, 3)), PM1), ValueError,
         "state has 4 units"),
    Case("update_units-index-too-big", lambda: hopfield.update_units(W, STATES[0], np.array([0, 4])),
         ValueError, "units must lie in 0..3"),
    Case("update_units-index-negative", lambda: hopfield.update_units(W, STATES[0], np.array([-1])),
         ValueError, "units must lie in 0..3"),
    Case("update_units-float-units", lambda: hopfield.update_units(W, STATES[0], np.array([0.0])),
         TypeError, "integers"),
    Case("update_units-record-string", lambda: hopfield.update_units(W, STATES[0], np.array([0]),
                                                                     record_energy="yes"),
         TypeError, "True or False"),
    Case("async_recover-n_updates-float", lambda: hopfield.async_recover(W, STATES, KEY, 1.5),
         TypeError, "n_updates must be an integer"),
    Case("async_recover-key", lambda: hopfield.async_recover(W, STATES, None, 4), TypeError,
         "PRNG key"),
    Case("sync_recover-n_steps-float", lambda: hopfield.sync_recover(W, STATES[0], 1.5), TypeError,
         "n_steps must be an integer"),
    Case("sync_recover-n_steps-zero", lambda: hopfield.sync_recover(W, STATES[0], 0), ValueError,
         "n_steps must be an integer >= 1"),
    Case("sweep_order-n_units-zero", lambda: hopfield.sweep_order(KEY, 0, 4), ValueError, "n_units"),
    Case("flip_noise-p-nan", lambda: hopfield.flip_noise(KEY, PM1, np.nan), ValueError,
         "finite number"),
    Case("flip_noise-p-negative", lambda: hopfield.flip_noise(KEY, PM1, -0.1), ValueError, "[0, 1]"),
    Case("flip_noise-p-string", lambda: hopfield.flip_noise(KEY, PM1, "0.1"), TypeError, "got the str"),
    Case("flip_noise-zeros", lambda: hopfield.flip_noise(KEY, ZEROS, 0.1), ValueError, "only -1 and +1"),
    Case("mask_noise-value", lambda: hopfield.mask_noise(STATES, (0, 1), (0, 1), value=0), ValueError,
         "-1 or +1"),
    Case("mask_noise-rows-string", lambda: hopfield.mask_noise(STATES, "01", (0, 1)), TypeError,
         "pair (start, stop)"),
    Case("mask_noise-rows-float", lambda: hopfield.mask_noise(STATES, (0, 1.5), (0, 1)), TypeError,
         "rows[1] (stop)"),
    Case("mask_noise-empty-span", lambda: hopfield.mask_noise(STATES, (1, 1), (0, 1)), ValueError,
         "start < stop"),
]

ENERGY = [
    Case("quadratic-ints", lambda: energy.quadratic_lagrangian(np.arange(3)), TypeError, "floating-point"),
    Case("lse-scalar", lambda: energy.lse_lagrangian(np.float32(1)), ValueError, "must have shape"),
    Case("lse-nan", lambda: energy.lse_lagrangian(NAN), ValueError, "must be finite"),
    Case("lse-empty", lambda: energy.lse_lagrangian(np.zeros(0, np.float32)), ValueError,
         "must not be empty"),
    Case("sigmoid-beta-negative", lambda: energy.sigmoid_lagrangian(X3, beta=-1), ValueError,
         "beta (inverse temperature) must be a positive number"),
    Case("tanh-beta-inf", lambda: energy.tanh_lagrangian(X3, beta=np.inf), ValueError, "finite number"),
    Case("lse-beta-string", lambda: energy.lse_lagrangian(X3, beta="1"), TypeError, "got the str"),
    Case("activation-not-callable", lambda: energy.activation(3.0), TypeError, "function of the state"),
    Case("neuron_energy-g-shape", lambda: energy.neuron_energy(energy.quadratic_lagrangian, X3,
                                                               np.zeros(2, np.float32)),
         ValueError, "g must have the shape of x"),
    Case("dense_synapse-vector", lambda: energy.dense_synapse(np.ones(3, np.float32)), ValueError,
         "(n_b, n_a)"),
    Case("dense_synapse-nan", lambda: energy.dense_synapse(NAN[None]), ValueError, "must be finite"),
    Case("Layer-tau-negative", lambda: energy.Layer(energy.quadratic_lagrangian, (3,), tau=-1.0),
         ValueError, "tau (the layer's time constant) must be a positive number"),
    Case("Layer-tau-zero", lambda: energy.Layer(energy.quadratic_lagrangian, (3,), tau=0),
         ValueError, "positive number"),
    Case("Layer-shape-float", lambda: energy.Layer(energy.quadratic_lagrangian, (3.5,)), TypeError,
         "Layer's shape"),
    Case("Layer-not-callable", lambda: energy.Layer("quadratic", (3,)), TypeError,
         "lagrangian must be a function"),
    Case("Synapse-not-callable", lambda: energy.Synapse(None, ("visible",)), TypeError,
         "energy must be a function"),
    Case("Network-unknown-layer", lambda: energy.Network(
        layers=NET.layers, synapses=(energy.Synapse(lambda a: a.sum(), ("hidden",)),)), ValueError,
         "unknown layer"),
    Case("Network-layers-list", lambda: energy.Network(layers=list(NET.layers.values()), synapses=()),
         TypeError, "dict from names to energy.Layer"),
    Case("Network-no-layers", lambda: energy.Network(layers={}, synapses=()), ValueError,
         "at least one layer"),
    Case("Network-synapses-None", lambda: energy.Network(layers=NET.layers, synapses=None), TypeError,
         "energy.Synapse objects"),
    Case("Network-synapse-wrong-order", lambda: energy.Network(layers=NET.layers, synapses=(
        energy.Synapse(energy.dense_synapse(np.ones((2, 3), np.float32)), ("memory", "visible")),)),
         ValueError, "the synapse on ['memory', 'visible']"),
    Case("Network-synapse-one-layer", lambda: energy.Network(layers=NET.layers, synapses=(
        energy.Synapse(energy.dense_synapse(np.ones((2, 3), np.float32)), ("visible",)),)),
         ValueError, "fails"),
    Case("Network-synapse-not-scalar", lambda: energy.Network(layers=NET.layers, synapses=(
        energy.Synapse(lambda g: g, ("visible",)),)), ValueError, "must return one number"),
    Case("Layer-lagrangian-not-scalar", lambda: energy.Layer(lambda x: x, (3,)), ValueError,
         "must return one number"),
    Case("neuron_energy-lagrangian-None", lambda: energy.neuron_energy(None, X3, X3), TypeError,
         "function of the state"),
    Case("energy-missing-layer", lambda: energy.energy(NET, {"visible": X3}), ValueError,
         "one entry per layer"),
    Case("energy-wrong-shape", lambda: energy.energy(NET, GOOD | {"memory": np.zeros(5, np.float32)}),
         ValueError, "must have shape (2,)"),
    Case("energy-nan-state", lambda: energy.energy(NET, GOOD | {"visible": NAN}), ValueError,
         "must be finite"),
    Case("energy-int-state", lambda: energy.energy(NET, GOOD | {"visible": np.arange(3)}), TypeError,
         "floating-point"),
    Case("activations-states-list", lambda: energy.activations(NET, [X3]), TypeError,
         "dict from layer names"),
    Case("energy-states-list", lambda: energy.energy(NET, [X3]), TypeError, "dict from layer names"),
    Case("step-alpha-negative", lambda: energy.step(NET, GOOD, -0.1), ValueError,
         "alpha (step size) must be a positive number"),
    Case("step-unknown-clamped", lambda: energy.step(NET, GOOD, 0.1, clamped=["hidden"]), ValueError,
         "not in the network's layers"),
    Case("run-n_steps-float", lambda: energy.run(NET, GOOD, 0.1, 1.5), TypeError,
         "n_steps must be an integer >= 1"),
    Case("run-n_steps-zero", lambda: energy.run(NET, GOOD, 0.1, 0), ValueError, "n_steps"),
    Case("run-alpha-nan", lambda: energy.run(NET, GOOD, np.nan, 3), ValueError, "finite number"),
    Case("max_step_size-negative", lambda: energy.max_step_size(-1.0), ValueError, "coupling M"),
    Case("max_step_size-string", lambda: energy.max_step_size("2"), TypeError, "coupling M"),
]

DAM = [
    Case("load_images-size-float", lambda: dam.load_images(8.0), TypeError, "size (pixels per side)"),
    Case("load_images-size-big", lambda: dam.load_images(1000), ValueError, "from 4 to 128"),
    Case("load_images-unknown-name", lambda: dam.load_images(8, ["cameraman"]), ValueError,
         "no bundled image 'cameraman'"),
    Case("load_images-names-empty", lambda: dam.load_images(8, []), ValueError, "at least one"),
    Case("load_images-not-a-photo", lambda: dam.load_images(8, "horse"), ValueError,
         "not an 8-bit grey or colour photo"),
    Case("load_images-not-an-image", lambda: dam.load_images(8, "data_dir"), ValueError,
         "no bundled image 'data_dir'"),
    Case("load_images-colour-string", lambda: dam.load_images(8, "moon", colour="no"), TypeError,
         "colour must be True or False"),
    Case("memory-images-1d", lambda: dam.ConditionalMemory(X16, np.eye(1)), ValueError, "(N, D)"),
    Case("memory-rows-differ", lambda: dam.ConditionalMemory(IMAGES, np.eye(2)), ValueError,
         "one row per memory"),
    Case("memory-nan-images", lambda: dam.ConditionalMemory(np.full((3, 16), np.nan), np.eye(3)),
         ValueError, "must be finite"),
    Case("memory-string-images", lambda: dam.ConditionalMemory("camera", np.eye(3)), TypeError,
         "images must be an array"),
    Case("memory-images-255", lambda: dam.ConditionalMemory(IMAGES * 255, np.eye(3)), ValueError,
         "[0, 1]"),
    Case("memory-labels-not-one-hot", lambda: dam.ConditionalMemory(IMAGES, np.full((3, 3), 5.0)),
         ValueError, "one-hot"),
    Case("memory-beta-overflows", lambda: dam.ConditionalMemory(IMAGES, np.eye(3), beta=1e39), ValueError,
         "too large"),
    Case("memory-strength-negative", lambda: dam.ConditionalMemory(IMAGES, np.eye(3), label_strength=-1),
         ValueError, "label_strength (λ) must be a number >= 0"),
    Case("memory-beta-zero", lambda: dam.ConditionalMemory(IMAGES, np.eye(3), beta=0.0), ValueError,
         "positive number"),
    Case("memory-strength-inf", lambda: dam.ConditionalMemory(IMAGES, np.eye(3), label_strength=np.inf),
         ValueError, "finite number"),
    Case("generate-label-too-big", lambda: MEMORY.generate(X16, 3, 0.1, 5), ValueError,
         "label must be an integer from 0 to 2"),
    Case("generate-label-negative", lambda: MEMORY.generate(X16, -1, 0.1, 5), ValueError,
         "from 0 to 2"),
    Case("generate-label-float", lambda: MEMORY.generate(X16, 1.0, 0.1, 5), TypeError,
         "label must be an integer"),
    Case("generate-n_steps-float", lambda: MEMORY.generate(X16, 0, 0.1, 1.5), TypeError,
         "n_steps must be an integer"),
    Case("generate-alpha-negative", lambda: MEMORY.generate(X16, 0, -0.1, 5), ValueError,
         "alpha (step size) must be a positive number"),
    Case("generate-x-length", lambda: MEMORY.generate(np.zeros(15, np.float32), 0, 0.1, 5), ValueError,
         "(16,)"),
    Case("generate-x-nan", lambda: MEMORY.generate(np.full(16, np.nan, np.float32), 0, 0.1, 5),
         ValueError, "must be finite"),
    Case("classify-n_steps-zero", lambda: MEMORY.classify(X16, 0.1, 0), ValueError, "n_steps"),
    Case("classify-x-batch", lambda: MEMORY.classify(IMAGES, 0.1, 5), ValueError, "jax.vmap"),
    Case("image_step-alpha-string", lambda: MEMORY.image_step(X16, np.eye(3, dtype=np.float32)[0], "0.1"),
         TypeError, "alpha (step size)"),
    Case("label_step-y-length", lambda: MEMORY.label_step(X16, np.zeros(4, np.float32), 0.1), ValueError,
         "y (the label neurons' internal state) must have shape (3,)"),
    Case("energy-x-ints", lambda: MEMORY.energy(np.ones(16, int), np.zeros(3, np.float32)), TypeError,
         ".astype(jnp.float32)"),
    Case("weights-x-None", lambda: MEMORY.weights(None, np.zeros(3, np.float32)), TypeError, "got None"),
    Case("scores-int-label", lambda: MEMORY.scores(X16, np.array([1, 0, 0])), TypeError, "floating-point"),
    Case("export_page-pca_mean-length", lambda: page(pca_mean=np.zeros(15)), ValueError,
         "pca_mean must have shape (16,)"),
    Case("export_page-components-shape", lambda: page(pca_components=np.zeros((3, 16))), ValueError,
         "pca_components shape (2, 16)"),
    Case("export_page-alpha-negative", lambda: page(alpha=-0.1), ValueError, "(0, 2.5]"),
    Case("export_page-alpha-too-large", lambda: page(alpha=3.0), ValueError, "slider"),
    Case("export_page-names-count", lambda: page(names=["a", "b"]), ValueError, "one name per memory"),
    Case("export_page-names-string", lambda: page(names="abc"), ValueError, "one name per memory"),
    Case("export_page-not-memory", lambda: page(memory=IMAGES), TypeError, "dam.ConditionalMemory"),
    Case("export_page-preset-negative", lambda: page(presets={"cold": (-1.0, 10.0)}), ValueError,
         "preset 'cold': β"),
    Case("export_page-shared-labels", lambda: page(memory=dam.ConditionalMemory(
        IMAGES, np.eye(2)[[0, 1, 1]])), ValueError, "np.eye(3)"),
    Case("render_page-not-a-model", lambda: dam.render_page({"n": 3}), TypeError,
         "the dict export_page builds"),
    Case("export_page-path-None", lambda: page(path=None), TypeError, "path must be a file path"),
    Case("page_start-d-float", lambda: dam.page_start(16.0), TypeError, "d (number of pixel values)"),
    Case("page_start-seed-negative", lambda: dam.page_start(16, seed=-1), ValueError, "seed"),
]

CAPACITY = [
    Case("majority-zero", lambda: capacity.majority_similarity(0), ValueError, "integer >= 1; got 0"),
    Case("majority-float", lambda: capacity.majority_similarity(2.5), TypeError, "integer >= 1"),
    Case("majority-bool", lambda: capacity.majority_similarity(True), TypeError, "got bool True"),
    Case("fhrr-negative", lambda: capacity.fhrr_bundle_similarity(-3), ValueError, "integer >= 1"),
    Case("retrieval-signal-nan", lambda: capacity.retrieval_probability(np.nan, 0.1, 0.1, 5), ValueError,
         "finite number"),
    Case("retrieval-signal-above-1", lambda: capacity.retrieval_probability(1.5, 0.1, 0.1, 5), ValueError,
         "[-1, 1]"),
    Case("retrieval-member-noise-negative", lambda: capacity.retrieval_probability(0.2, -0.1, 0.1, 5),
         ValueError, "member_noise (std of the wanted similarity) must be a number >= 0"),
    Case("retrieval-other-noise-zero", lambda: capacity.retrieval_probability(0.2, 0.1, 0.0, 5),
         ValueError, "positive number"),
    Case("retrieval-distractors-negative", lambda: capacity.retrieval_probability(0.2, 0.1, 0.1, -1),
         ValueError, "integer >= 0"),
    Case("retrieval-distractors-float", lambda: capacity.retrieval_probability(0.2, 0.1, 0.1, 3.0),
         TypeError, "integer >= 0"),
    Case("retrieval-signal-string", lambda: capacity.retrieval_probability("0.2", 0.1, 0.1, 3), TypeError,
         "got the str"),
    Case("capacity_at-fraction", lambda: capacity.capacity_at(1.5, [1, 2], [1.0, 0.5]), ValueError,
         "fraction"),
    Case("capacity_at-lengths", lambda: capacity.capacity_at(0.9, [1, 2, 3], [1.0, 0.5]), ValueError,
         "one length"),
    Case("capacity_at-empty", lambda: capacity.capacity_at(0.9, [], []), ValueError, "must not be empty"),
    Case("capacity_at-nan", lambda: capacity.capacity_at(0.9, [1, 2], [1.0, np.nan]), ValueError,
         "must be finite"),
    Case("capacity_at-decreasing", lambda: capacity.capacity_at(0.9, [2, 1], [1.0, 0.5]), ValueError,
         "increase"),
    Case("capacity_at-2d", lambda: capacity.capacity_at(0.9, [[1, 2]], [[1.0, 0.5]]), ValueError,
         "(n,)"),
    Case("capacity_at-strings", lambda: capacity.capacity_at(0.9, ["1", "2"], [1.0, 0.5]), TypeError,
         "real numbers"),
    Case("capacity_at-ragged", lambda: capacity.capacity_at(0.9, [1, [2, 3]], [1.0, 0.5]), TypeError,
         "same length"),
]

CHECKS = [
    Case("check-claim-empty", lambda: checks.check("", True), TypeError, "non-empty string"),
    Case("check-holds-array", lambda: checks.check("all positive", np.array([True, False])), TypeError,
         ".all() or .any()"),
    Case("check-holds-string", lambda: checks.check("ok", "yes"), TypeError, "single True/False"),
    Case("check-holds-None", lambda: checks.check("ok", None), TypeError, "single True/False"),
    Case("between-value-array", lambda: checks.check_between("accuracy", np.ones(3), 0, 1), TypeError,
         "Reduce it first"),
    Case("between-value-string", lambda: checks.check_between("accuracy", "0.9", 0, 1), TypeError,
         "single number"),
    Case("between-value-bool", lambda: checks.check_between("accuracy", True, 0, 1), TypeError,
         "use check()"),
    Case("between-value-nan", lambda: checks.check_between("accuracy", np.nan, 0, 1), checks.ClaimFailed,
         "found nan"),
    Case("between-low-above-high", lambda: checks.check_between("accuracy", 0.5, 1, 0), ValueError,
         "low must not exceed high"),
    Case("between-low-nan", lambda: checks.check_between("accuracy", 0.5, np.nan, 1), ValueError,
         "not NaN"),
    Case("at_most-limit-None", lambda: checks.check_at_most("error", 0.1, None), TypeError,
         "single number"),
    Case("at_least-ragged", lambda: checks.check_at_least("sizes", [1, [2, 3]], 0), TypeError,
         "expected a number"),
    Case("at_least-traced", lambda: jax.jit(lambda v: checks.check_at_least("loss", v, 0.0))(1.0),
         TypeError, "check it outside"),
]

EXERCISES = [
    Case("check_answer-unknown", lambda: exercises.check_answer("09.9", 1.0), KeyError,
         "no self-check named '09.9'"),
    Case("check_answer-name-float", lambda: exercises.check_answer(1.2, 1.0), TypeError,
         "a string such as '01.2'"),
    Case("check_answer-name-list", lambda: exercises.check_answer(["00.2"], 1.0), TypeError,
         "name of a self-check"),
]

COLAB = [
    Case("requirements-not-a-name", lambda: colab.requirements(3), TypeError, "package name"),
    Case("requirements-not-installed", lambda: colab.requirements("no-such-package-here"),
         colab.metadata.PackageNotFoundError, "is not installed"),
    Case("plan-installed-list", lambda: colab.plan([], ["numpy"]), TypeError,
         "installed must map package names to version strings"),
    Case("plan-wanted-one-string", lambda: colab.plan("jax>=0.4", {}), TypeError,
         "list of requirements"),
    Case("plan-wanted-unreadable", lambda: colab.plan(["jax >= = 0.4"], {}), ValueError,
         "cannot read"),
]

# The rules shared by every module, checked directly.
VALIDATE = [
    Case("positive-zero", lambda: validate.positive(0.0, "beta"), ValueError, "beta must be a positive number"),
    Case("positive-negative", lambda: validate.positive(-1, "alpha"), ValueError, "positive number"),
    Case("positive-inf", lambda: validate.positive(np.inf, "beta"), ValueError, "finite number"),
    Case("positive-bool", lambda: validate.positive(True, "beta"), TypeError, "got bool True"),
    Case("positive-vector", lambda: validate.positive(np.ones(2), "beta"), TypeError, "one value"),
    Case("index-too-big", lambda: validate.index(8, "label", 8), ValueError, "from 0 to 7"),
    Case("index-negative", lambda: validate.index(np.int64(-1), "label", 8), ValueError, "from 0 to 7"),
    Case("index-float", lambda: validate.index(1.0, "label", 8), TypeError, "label must be an integer"),
    Case("names-empty", lambda: validate.names((), "names"), ValueError, "at least one"),
    Case("names-not-strings", lambda: validate.names([1, 2], "names"), TypeError, "strings"),
    Case("flag-string", lambda: validate.flag("no", "download"), TypeError, "True or False"),
]

TABLES = {"validate": VALIDATE, "fhrr": FHRR, "binary": BINARY, "hopfield": HOPFIELD,
          "energy": ENERGY, "dam": DAM, "capacity": CAPACITY, "checks": CHECKS,
          "exercises": EXERCISES, "colab": COLAB}
CASES = [case._replace(id=f"{module}.{case.id}") for module, table in TABLES.items() for case in table]
PACKAGE = Path(hopfield.__file__).resolve().parent


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_fails_clearly(case):
    with pytest.raises(case.error) as raised:
        case.call()
    assert case.fragment in str(raised.value), str(raised.value)
    raising = Path(traceback.extract_tb(raised.tb)[-1].filename).resolve()
    assert raising.parent == PACKAGE, f"raised in {raising}, not by the package"


def test_every_case_has_a_unique_id():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


# --- what must work ----------------------------------------------------------------------

def test_numpy_integers_and_0d_arrays_are_valid_counts():
    assert fhrr.random_symbols(KEY, np.int64(3), np.int32(8)).shape == (3, 8)
    assert binary.random_hypervectors(KEY, np.array(2), 8).shape == (2, 8)
    assert hopfield.sync_recover(W, STATES[0], np.int64(2)).shape == (4,)
    assert hopfield.images_to_patterns(np.ones((1, 8, 8)), size=np.int64(4)).shape == (1, 16)


def test_numbers_and_names_take_every_valid_form():
    assert validate.positive(np.float32(0.5), "beta") == 0.5
    assert validate.positive(jnp.asarray(2.0), "beta") == 2.0
    assert validate.index(np.int64(3), "label", 8) == 3
    assert validate.names("camera", "names") == ("camera",)
    assert validate.names(["moon", "coins"], "names") == ("moon", "coins")
    traced = jax.jit(lambda b: validate.positive(b, "beta") * 2)(jnp.asarray(1.5))
    assert float(traced) == 3.0


def test_p_can_be_a_numpy_or_traced_scalar():
    assert hopfield.flip_noise(KEY, PM1, np.float32(0.0)).tolist() == PM1.tolist()
    flipped = jax.jit(lambda p: hopfield.flip_noise(KEY, PM1, p))(jnp.asarray(1.0))
    assert flipped.tolist() == (-PM1).tolist()


def test_answers_can_be_numpy_or_jax_scalars(capsys):
    assert exercises.check_answer("00.2", np.float32(0.9995))
    assert exercises.check_answer("00.2", jnp.mean(jnp.array([0.9995, 0.9995])))
    assert not exercises.check_answer("00.2", jnp.ones(2))  # an array, not one number
    assert "expected a finite number" in capsys.readouterr().out
    assert colab.plan(["packaging>=1"], {"packaging": "24.0"}).missing == []


def test_page_names_cannot_end_its_script():
    text = page(names=["a</script><b>", "b", "c"]).read_text()
    assert "a</script>" not in text and "a<\\/script>" in text


def test_names_given_as_one_string_are_one_name():
    assert dam.load_images(8, "camera").shape == (1, 64)
    net = energy.Network(layers=NET.layers,
                         synapses=(energy.Synapse(lambda a: a @ a, "visible"),))
    assert net.synapses[0].layers == ("visible",)
    moved = energy.step(NET, GOOD, 0.1, clamped="visible")
    np.testing.assert_array_equal(moved["visible"], GOOD["visible"])


def test_step_sizes_and_temperatures_can_be_numpy_0d_or_traced():
    final, _ = energy.run(NET, GOOD, np.float32(0.1), np.int64(3))
    assert final["visible"].shape == (3,)
    assert float(energy.lse_lagrangian(X3, beta=jnp.asarray(2.0))) > 0
    betas = jnp.array([0.5, 1.0, 2.0])
    values = jax.vmap(lambda b: energy.lse_lagrangian(X3, beta=b))(betas)
    np.testing.assert_allclose(values, [float(energy.lse_lagrangian(X3, beta=float(b))) for b in betas],
                               rtol=1e-6)
    energies = jax.vmap(lambda b: dam.ConditionalMemory(IMAGES, np.eye(3), beta=b).energy(
        X16, jnp.zeros(3)))(betas)
    assert energies.shape == (3,)
    assert energy.max_step_size(np.float64(1.0)) == 1.0
    states, _ = jax.jit(lambda label: MEMORY.generate(X16, label, 0.1, 4))(2)
    assert states.shape == (5, 16)


@pytest.mark.parametrize("kind", ["hebbian", "self-coupling", "asymmetric"])
def test_recorded_energies_equal_the_energy_for_any_square_weights(kind):
    rng = np.random.default_rng(1)
    states = np.where(rng.random((3, 12)) > 0.5, 1.0, -1.0).astype(np.float32)
    weights = np.asarray(hopfield.hebbian_weights(states))
    if kind == "self-coupling":
        weights = weights + np.diag(rng.random(12)).astype(np.float32)
    if kind == "asymmetric":
        weights = rng.normal(size=(12, 12)).astype(np.float32)
    start = np.where(np.random.default_rng(2).random(12) > 0.5, 1.0, -1.0).astype(np.float32)
    units = np.asarray(hopfield.sweep_order(KEY, 12, 36))
    _, energies = hopfield.update_units(weights, start, units, record_energy=True)
    state, direct = start, []
    for i in units:
        state = np.asarray(hopfield.update_units(weights, state, np.array([i])))
        direct.append(float(hopfield.energy(weights, state)))
    np.testing.assert_allclose(np.asarray(energies), direct, rtol=1e-5, atol=1e-5)
    assert len(set(np.round(direct, 4))) > 1, "the start must not be a fixed point"
