"""A short run of notebook 02's training recipe lowers the similarity loss."""

import jax
import numpy as np

from benchmarks.fhrr_training import init, network, optimizer, update_plain
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
