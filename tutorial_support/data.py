"""Fashion-MNIST through tensorflow-datasets, online or from a local copy.

With a network, TFDS downloads the four official archives the first time and
prepares them (about 20 s); later calls read the prepared copy. Without a
network, put the four archives in a folder and name it, either with the
``manual_dir`` argument or with the environment variable ``FASHION_MNIST_DIR``;
TFDS then takes them as "manual downloads" and nothing is fetched.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import socket
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

import numpy as np

# TensorFlow (used by TFDS to prepare and read the data) is chatty on import.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@contextlib.contextmanager
def _native_stderr_silenced():
    """Send file descriptor 2 to /dev/null for the duration of the block.

    TensorFlow's C++ runtime writes start-up notes (oneDNN, "no CUDA driver")
    straight to the process's stderr, past Python's `sys.stderr`, and no
    environment variable turns all of them off. Python exceptions still
    propagate normally; only the native chatter is dropped.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no real stderr (some embedded interpreters): nothing to hide
        yield
        return
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)

DATASET = "fashion_mnist"
MANUAL_DIR_VARIABLE = "FASHION_MNIST_DIR"
CLASS_NAMES: tuple[str, ...] = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)


class FashionMNIST(NamedTuple):
    """The two splits as NumPy arrays: images (n, 28, 28, 1) uint8, labels (n,) int64."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


class DatasetUnavailableError(RuntimeError):
    """Fashion-MNIST is neither prepared locally nor obtainable right now."""


def _how_to_fix() -> str:
    return (
        "To fix it, either\n"
        "  * connect to the internet and call the loader again (TFDS downloads ~30 MB once), or\n"
        "  * download the four official archives (train-images-idx3-ubyte.gz,\n"
        "    train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)\n"
        "    from the Fashion-MNIST project page into a folder, and pass that folder as\n"
        f"    manual_dir=... or set the environment variable {MANUAL_DIR_VARIABLE}=/path/to/folder."
    )


def _check_manual_dir(manual_dir: Path, url_infos: dict) -> None:
    """Fail early, and clearly, if the folder lacks an archive or holds a wrong one."""
    if not manual_dir.is_dir():
        raise DatasetUnavailableError(
            f"The Fashion-MNIST folder {manual_dir} does not exist.\n" + _how_to_fix()
        )
    for info in url_infos.values():
        path = manual_dir / info.filename
        if not path.is_file():
            raise DatasetUnavailableError(
                f"{path.name} is missing from the Fashion-MNIST folder {manual_dir}.\n"
                + _how_to_fix()
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != info.checksum:
            raise DatasetUnavailableError(
                f"{path} is not the official archive (sha256 {digest[:12]}..., expected "
                f"{info.checksum[:12]}...). Re-compressed copies are refused by TFDS; "
                "use the original .gz files.\n" + _how_to_fix()
            )


def _allow_protobuf_older_than_tensorflow_metadata() -> None:
    """Let TFDS import where protobuf is older than tensorflow-metadata's generated code.

    tensorflow-metadata 1.21 is generated with protobuf 6.31 but declares only
    protobuf>=4.25.2 (tensorflow/metadata#68), so pip pairs it with older runtimes,
    as Colab does (August 2026: protobuf 5.29.6). protobuf then refuses the import
    with a VersionError and TFDS, which swallows it, fails later with "module
    'tensorflow_datasets' has no attribute 'builder'". The generated code reads
    Fashion-MNIST correctly with protobuf 5.29 (tested in tests/test_colab.py), so
    in that case only, protobuf's own switch for this check is turned off.
    """
    try:
        from google.protobuf.runtime_version import VersionError
    except ImportError:  # protobuf older than 5.26 has no such check
        return
    try:
        import tensorflow_metadata.proto.v0.schema_pb2  # noqa: F401
    except VersionError:
        os.environ["TEMPORARILY_DISABLE_PROTOBUF_VERSION_CHECK"] = "true"


def _import_tfds():
    """Import TFDS with TensorFlow kept out of JAX's way.

    TensorFlow only decodes the data here. Left to itself it would claim the
    memory of every GPU (starving JAX on a Colab GPU) and start thread pools on
    every core beside JAX's. One thread each and no GPU are plenty for reading
    70 000 small images.
    """
    with _native_stderr_silenced():
        _allow_protobuf_older_than_tensorflow_metadata()
        import tensorflow as tf
        import tensorflow_datasets as tfds

        try:
            tf.config.set_visible_devices([], "GPU")
            tf.config.threading.set_intra_op_parallelism_threads(1)
            tf.config.threading.set_inter_op_parallelism_threads(1)
        except RuntimeError:  # TensorFlow was already initialised by the caller: leave it be
            pass
    return tfds


def _can_reach(url: str, timeout: float = 5.0) -> bool:
    """True if a TCP connection to the URL's host opens within `timeout` seconds."""
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((parsed.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def prepare_fashion_mnist(
    *,
    data_dir: str | os.PathLike | None = None,
    manual_dir: str | os.PathLike | None = None,
    download: bool = True,
) -> None:
    """Make sure TFDS has Fashion-MNIST prepared on disk; do nothing if it has.

    Args:
      data_dir: where TFDS keeps prepared datasets (default: TFDS's own,
        ``~/tensorflow_datasets`` or ``$TFDS_DATA_DIR``).
      manual_dir: a folder holding the four official ``.gz`` archives; default
        ``$FASHION_MNIST_DIR`` if set. When given, nothing is downloaded.
      download: if False, only an already prepared copy is accepted.

    Raises:
      DatasetUnavailableError: the data is not prepared and can neither be
        read from ``manual_dir`` nor downloaded; the message says what to do.
    """
    tfds = _import_tfds()  # imported here: it pulls in TensorFlow
    if manual_dir is None and os.environ.get(MANUAL_DIR_VARIABLE):
        manual_dir = os.environ[MANUAL_DIR_VARIABLE]
    builder = tfds.builder(DATASET, data_dir=data_dir)
    if builder.is_prepared():
        return
    if manual_dir is not None:
        manual_dir = Path(manual_dir).expanduser()
        _check_manual_dir(manual_dir, builder.url_infos)
    elif not download:
        raise DatasetUnavailableError(
            f"Fashion-MNIST is not prepared in {builder.data_dir} and download=False.\n"
            + _how_to_fix()
        )
    elif not _can_reach(next(iter(builder.url_infos))):
        raise DatasetUnavailableError(
            "Fashion-MNIST is not prepared yet and its download server cannot be "
            "reached (no network?).\n" + _how_to_fix()
        )
    config = tfds.download.DownloadConfig(
        manual_dir=None if manual_dir is None else str(manual_dir)
    )
    print("Preparing Fashion-MNIST with TFDS (once, about 20 s) ...", flush=True)
    # TFDS's own progress bars and log lines would bury the notebook; hide them.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            _native_stderr_silenced():
        tfds.disable_progress_bar()
        try:
            builder.download_and_prepare(download_config=config)
        except Exception as error:  # network, disk or checksum trouble
            raise DatasetUnavailableError(
                f"TFDS could not prepare Fashion-MNIST: {type(error).__name__}: "
                f"{str(error)[:300]}\n" + _how_to_fix()
            ) from None
        finally:
            tfds.enable_progress_bar()


def load_fashion_mnist(
    *,
    data_dir: str | os.PathLike | None = None,
    manual_dir: str | os.PathLike | None = None,
    download: bool = True,
) -> FashionMNIST:
    """Load both Fashion-MNIST splits into memory with ``tfds.load``.

    Prepares the dataset first if needed (see :func:`prepare_fashion_mnist`,
    which takes the same arguments and raises the same clear error).

    Returns:
      A :class:`FashionMNIST` of train (60000) and test (10000) images, shape
      ``(n, 28, 28, 1)``, dtype uint8 in [0, 255], and integer labels in [0, 9]
      (names in :data:`CLASS_NAMES`).
    """
    prepare_fashion_mnist(data_dir=data_dir, manual_dir=manual_dir, download=download)
    tfds = _import_tfds()
    with _native_stderr_silenced():
        # batch_size=-1 returns each split as one batch: the whole split in memory.
        train, test = tfds.load(
            DATASET, split=["train", "test"], data_dir=data_dir,
            batch_size=-1, as_supervised=True, download=False,
        )
        (train_images, train_labels), (test_images, test_labels) = (
            tfds.as_numpy(train), tfds.as_numpy(test)
        )
    return FashionMNIST(train_images, train_labels, test_images, test_labels)
