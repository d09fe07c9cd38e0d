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
import tempfile
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


def _checked_arguments(data_dir, manual_dir, download) -> bool:
    """Refuse arguments of the wrong kind before TFDS is imported; return `download` as a bool."""
    from tutorial_support import validate  # imported here: it pulls in JAX

    for value, name in ((data_dir, "data_dir"), (manual_dir, "manual_dir")):
        if value is not None and not isinstance(value, (str, os.PathLike)):
            raise TypeError(
                f"{name} must be None, a str or an os.PathLike such as pathlib.Path; got "
                f"{validate.describe(value)}. Pass a folder's path, e.g. {name}='/path/to/folder', "
                "or leave the argument out."
            )
    return validate.flag(download, "download")


def _manual_dir(manual_dir) -> tuple[Path | None, str]:
    """The archives' folder and what named it: the argument, else ``$FASHION_MNIST_DIR``.

    An empty ``FASHION_MNIST_DIR=""`` counts as unset.
    """
    if manual_dir is not None:
        return Path(manual_dir).expanduser(), "manual_dir"
    if os.environ.get(MANUAL_DIR_VARIABLE):
        return Path(os.environ[MANUAL_DIR_VARIABLE]).expanduser(), MANUAL_DIR_VARIABLE
    return None, ""


def _not_a_folder(manual_dir: Path, source: str) -> DatasetUnavailableError:
    """The error for a manual folder that names a file."""
    if source == MANUAL_DIR_VARIABLE:
        fix = (f"Set {MANUAL_DIR_VARIABLE} to the folder that holds the four archives "
               f"(perhaps {manual_dir.parent}), or unset it.")
    else:
        fix = (f"Pass the folder that holds the four archives as manual_dir= "
               f"(perhaps manual_dir='{manual_dir.parent}').")
    return DatasetUnavailableError(
        f"{source} names {manual_dir}, which is a file, not a folder. {fix}"
    )


def _check_manual_dir(manual_dir: Path, source: str, url_infos: dict) -> None:
    """Fail early, and clearly, if the folder is a file, lacks an archive or holds a wrong one."""
    if manual_dir.exists() and not manual_dir.is_dir():
        raise _not_a_folder(manual_dir, source)
    if not manual_dir.is_dir():
        raise DatasetUnavailableError(
            f"The Fashion-MNIST folder {manual_dir}, given as {source}, does not exist.\n"
            + _how_to_fix()
        )
    for info in url_infos.values():
        path = manual_dir / info.filename
        if not path.is_file():
            raise DatasetUnavailableError(
                f"{path.name} is missing from the Fashion-MNIST folder {manual_dir}.\n"
                + _how_to_fix()
            )
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            raise DatasetUnavailableError(
                f"{path} cannot be read ({error.strerror or error}). Make it readable, or copy "
                "the four archives into a folder of your own and name that one instead."
            ) from None
        if digest != info.checksum:
            raise DatasetUnavailableError(
                f"{path} is not the official archive (sha256 {digest[:12]}..., expected "
                f"{info.checksum[:12]}...). Re-compressed copies are refused by TFDS; "
                "use the original .gz files.\n" + _how_to_fix()
            )


def _unwritable(root: str, reason: str) -> DatasetUnavailableError:
    """The error for a TFDS data dir where the prepared copy cannot be written."""
    return DatasetUnavailableError(
        f"The TFDS data dir {root} cannot be written ({reason}), so Fashion-MNIST cannot be "
        "prepared there. Pass a folder you can write to as data_dir=..., or set the environment "
        "variable TFDS_DATA_DIR to one before TFDS is first imported (it reads the variable once)."
    )


def _nearest_existing(path: Path) -> Path:
    """`path` itself if it exists, else its nearest existing parent."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_writable(builder) -> None:
    """Fail early if TFDS could not create its prepared copy or its downloads under the data dir.

    Tries to create a temporary (unnamed, self-deleting) file in the nearest
    existing folder of each; permissions alone would not tell, e.g. for root
    or on a read-only file system. Cloud paths (gs://...) are left to TFDS.
    """
    root = os.fspath(builder.data_dir_root)
    if "://" in root:
        return
    for target in (Path(builder.data_dir), Path(root) / "downloads"):
        folder = _nearest_existing(target)
        if not folder.is_dir():
            raise _unwritable(root, f"{folder} is a file, not a folder")
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as error:
            raise _unwritable(root, f"cannot create files in {folder}: {error.strerror or error}") \
                from None


def _is_inside(filename, root: str) -> bool:
    """True if `filename` (from an OSError, maybe None) lies in the folder `root`."""
    if not isinstance(filename, (str, os.PathLike)):
        return False
    return Path(os.path.abspath(filename)).is_relative_to(os.path.abspath(root))


def _damaged(folder, error: Exception) -> DatasetUnavailableError:
    """The error for a prepared copy that TFDS cannot read back."""
    return DatasetUnavailableError(
        f"The prepared copy of Fashion-MNIST in {folder} cannot be read "
        f"({type(error).__name__}: {str(error)[:300]}). It is probably damaged (an interrupted "
        f"copy, a full disk). Delete the folder {folder} (e.g. shutil.rmtree('{folder}')) and call "
        "the loader again: it then prepares the data anew."
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


def _builder(tfds, data_dir):
    """TFDS's builder for Fashion-MNIST; a prepared copy it cannot open is reported as damaged."""
    try:
        return tfds.builder(DATASET, data_dir=data_dir)
    except Exception as error:  # e.g. a truncated dataset_info.json
        root = Path(tfds.core.constants.DATA_DIR if data_dir is None else data_dir).expanduser()
        raise _damaged(root / DATASET, error) from None


def _prepare(tfds, data_dir, manual_dir, download: bool):
    """Prepare Fashion-MNIST unless it is prepared already; return TFDS's builder.

    See :func:`prepare_fashion_mnist` for the arguments and errors.
    """
    builder = _builder(tfds, data_dir)
    if builder.is_prepared():
        return builder
    manual_dir, source = _manual_dir(manual_dir)
    if manual_dir is not None:
        _check_manual_dir(manual_dir, source, builder.url_infos)
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
    _check_writable(builder)
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
            root = os.fspath(builder.data_dir_root)
            if isinstance(error, OSError) and _is_inside(error.filename, root):
                raise _unwritable(root, str(error)) from None
            raise DatasetUnavailableError(
                f"TFDS could not prepare Fashion-MNIST: {type(error).__name__}: "
                f"{str(error)[:300]}\n" + _how_to_fix()
            ) from None
        finally:
            tfds.enable_progress_bar()
    return builder


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
        ``$FASHION_MNIST_DIR`` if set (an empty value counts as unset). When
        given, nothing is downloaded.
      download: if False, only an already prepared copy is accepted.

    Raises:
      TypeError: `download` is not True or False, or a folder is not None, a
        str or an os.PathLike.
      DatasetUnavailableError: the data is not prepared and can neither be
        read from ``manual_dir`` nor downloaded, the data dir cannot be
        written, or the prepared copy is damaged; the message says what to do.
    """
    download = _checked_arguments(data_dir, manual_dir, download)
    tfds = _import_tfds()  # imported here: it pulls in TensorFlow
    _prepare(tfds, data_dir, manual_dir, download)


def load_fashion_mnist(
    *,
    data_dir: str | os.PathLike | None = None,
    manual_dir: str | os.PathLike | None = None,
    download: bool = True,
) -> FashionMNIST:
    """Load both Fashion-MNIST splits into memory with ``tfds.load``.

    Prepares the dataset first if needed (see :func:`prepare_fashion_mnist`,
    which takes the same arguments and raises the same clear errors). A
    prepared copy that cannot be read back raises DatasetUnavailableError
    naming the folder to delete.

    Returns:
      A :class:`FashionMNIST` of train (60000) and test (10000) images, shape
      ``(n, 28, 28, 1)``, dtype uint8 in [0, 255], and integer labels in [0, 9]
      (names in :data:`CLASS_NAMES`).
    """
    download = _checked_arguments(data_dir, manual_dir, download)
    tfds = _import_tfds()
    builder = _prepare(tfds, data_dir, manual_dir, download)
    with _native_stderr_silenced():
        try:
            # batch_size=-1 returns each split as one batch: the whole split in memory.
            train, test = tfds.load(
                DATASET, split=["train", "test"], data_dir=data_dir,
                batch_size=-1, as_supervised=True, download=False,
            )
            (train_images, train_labels), (test_images, test_labels) = (
                tfds.as_numpy(train), tfds.as_numpy(test)
            )
        except Exception as error:  # e.g. TensorFlow's DataLossError for a truncated file
            raise _damaged(builder.data_dir, error) from None
    return FashionMNIST(train_images, train_labels, test_images, test_labels)
