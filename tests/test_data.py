"""The Fashion-MNIST loader: what it returns, and how it fails."""

import numpy as np
import pytest

import tutorial_support.data as data
from tutorial_support import CLASS_NAMES, DatasetUnavailableError, load_fashion_mnist


@pytest.fixture(scope="module")
def fashion():
    return load_fashion_mnist()


def test_shapes_and_dtypes(fashion):
    assert fashion.train_images.shape == (60000, 28, 28, 1)
    assert fashion.test_images.shape == (10000, 28, 28, 1)
    assert fashion.train_images.dtype == np.uint8
    assert fashion.test_images.dtype == np.uint8
    assert fashion.train_labels.shape == (60000,)
    assert fashion.test_labels.shape == (10000,)


def test_pixels_use_the_full_byte_range(fashion):
    assert fashion.train_images.min() == 0
    assert fashion.train_images.max() == 255


def test_first_training_label_is_pullover(fashion):
    # TFDS's train order starts with a Pullover (label 2); a different first
    # label would mean a different (shuffled or re-ordered) copy of the data.
    assert fashion.train_labels[0] == 2
    assert CLASS_NAMES[2] == "Pullover"


def test_classes_are_balanced(fashion):
    assert np.bincount(fashion.train_labels, minlength=10).tolist() == [6000] * 10
    assert np.bincount(fashion.test_labels, minlength=10).tolist() == [1000] * 10


def test_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(DatasetUnavailableError, match="(?s)does not exist.*FASHION_MNIST_DIR"):
        load_fashion_mnist(data_dir=tmp_path / "tfds", manual_dir=tmp_path / "nowhere")


def test_missing_archive_is_named(tmp_path):
    (tmp_path / "archives").mkdir()
    with pytest.raises(DatasetUnavailableError, match=r"ubyte\.gz is missing"):
        load_fashion_mnist(data_dir=tmp_path / "tfds", manual_dir=tmp_path / "archives")


def test_wrong_archive_is_refused(tmp_path):
    folder = tmp_path / "archives"
    folder.mkdir()
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        (folder / name).write_bytes(b"not the real archive")
    with pytest.raises(DatasetUnavailableError, match="not the official archive"):
        load_fashion_mnist(data_dir=tmp_path / "tfds", manual_dir=folder)


def test_no_download_and_nothing_prepared(tmp_path, monkeypatch):
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    with pytest.raises(DatasetUnavailableError, match="(?s)not prepared.*download=False"):
        load_fashion_mnist(data_dir=tmp_path / "tfds", download=False)


def test_unreachable_server_fails_fast_with_advice(tmp_path, monkeypatch):
    # Without this check TFDS retries the download for minutes before failing.
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    monkeypatch.setattr(data, "_can_reach", lambda url, timeout=5.0: False)
    with pytest.raises(DatasetUnavailableError, match="(?s)cannot be reached.*manual_dir"):
        load_fashion_mnist(data_dir=tmp_path / "tfds")
