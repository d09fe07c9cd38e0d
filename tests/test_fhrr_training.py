"""A short run of notebook 02's training recipe lowers the similarity loss."""

import jax
import numpy as np

from benchmarks.fhrr_training import init, network, update_plain
from tutorial_support import fhrr, load_fashion_mnist


def test_network_outputs_are_symbols():
    params, _, codebook = init()
    images = np.random.default_rng(0).integers(0, 256, (4, 28, 28, 1), dtype=np.uint8)
    symbols = network.apply(params, images)
    assert symbols.shape == (4, codebook.shape[1])
    assert float(np.abs(symbols).max()) < 1.0  # softsign keeps outputs inside (-1, 1)


def test_short_training_lowers_loss_and_beats_chance():
    fashion = load_fashion_mnist()
    params, opt_state, codebook = init(seed=1)
    order = np.random.default_rng(0).permutation(len(fashion.train_images))
    losses = []
    for step in range(150):
        batch = order[step * 128:(step + 1) * 128]
        params, opt_state, loss = update_plain(
            params, opt_state, codebook, fashion.train_images[batch], fashion.train_labels[batch])
        losses.append(float(loss))
    assert losses[0] > 0.95  # untrained symbols are unrelated to the codebook
    assert np.mean(losses[-20:]) < 0.75 * np.mean(losses[:5])

    symbols = network.apply(params, fashion.test_images[:2000])
    predicted = np.argmax(fhrr.similarity_matrix(symbols, codebook), axis=1)
    assert np.mean(predicted == fashion.test_labels[:2000]) > 0.6  # chance is 0.1


def test_im2col_convolution_is_a_drop_in_for_hk_conv2d():
    """benchmarks.fhrr_training.Im2ColConv2D: the same parameters, outputs and first-step loss."""
    from benchmarks.fhrr_training import im2col_network, update_im2col

    conv_params, opt_state, codebook = init(0)
    im2col_params, im2col_state, _ = init(0, im2col_network)
    assert jax.tree.structure(conv_params) == jax.tree.structure(im2col_params)
    assert all(np.array_equal(a, b) for a, b in zip(jax.tree.leaves(conv_params), jax.tree.leaves(im2col_params)))
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (128, 28, 28, 1), dtype=np.uint8)
    labels = rng.integers(0, 10, 128)
    np.testing.assert_allclose(im2col_network.apply(im2col_params, images),
                               network.apply(conv_params, images), atol=1e-5)
    first = update_plain(conv_params, opt_state, codebook, images, labels)[2]
    second = update_im2col(im2col_params, im2col_state, codebook, images, labels)[2]
    assert abs(float(first) - float(second)) <= 1e-6
