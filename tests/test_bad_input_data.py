"""Bad inputs to the Fashion-MNIST loader: each one fails with the package's own error.

One row of CASES per situation: `make(tmp_path, monkeypatch)` sets it up and
returns the failing call; the error must be the package's (DatasetUnavailableError,
or TypeError for an argument of the wrong kind), raised by the package rather
than escaping from TensorFlow, and its message must hold the row's fragment.

Every row works in tmp_path: the TFDS data dir is always a tmp_path folder
(both $TFDS_DATA_DIR and the value TFDS read from it when imported), so the
real prepared copy is never touched. The corrupted-copy rows copy one real
copy, prepared once per module from the shared archives (about 20 s).
"""

from __future__ import annotations

import os
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pytest

import tutorial_support.data as data
from tutorial_support import DatasetUnavailableError, load_fashion_mnist, prepare_fashion_mnist

# The folder of the four official archives, as the session started (conftest.py
# sets it to the shared copy); the rows themselves change the variable.
ARCHIVES = Path(os.environ.get("FASHION_MNIST_DIR") or "no-archives-folder")
NAMES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
_SOURCE: dict[str, Path] = {}  # "prepared": the module's prepared copy, once made


class Case(NamedTuple):
    id: str
    make: Callable[[Path, pytest.MonkeyPatch], Callable[[], object]]
    error: type[Exception]
    fragment: str


# --- set-up helpers ----------------------------------------------------------------------


def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: Path | None = None) -> Path:
    """Make `folder` (default tmp_path/"tfds") TFDS's default data dir, and unset FASHION_MNIST_DIR.

    TFDS reads $TFDS_DATA_DIR once, when imported, so its copy is patched too.
    """
    import tensorflow_datasets as tfds

    folder = tmp_path / "tfds" if folder is None else folder
    monkeypatch.setenv("TFDS_DATA_DIR", str(folder))
    monkeypatch.setattr(tfds.core.constants, "DATA_DIR", str(folder))
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    return folder


def needs_archives(make):
    """Mark a row that uses the official archives (skipped if there are none)."""
    make.needs_archives = True
    return make


def needs_prepared_copy(make):
    """Mark a row that copies the module's prepared copy (made on first use)."""
    make.needs_prepared_copy = True
    return needs_archives(make)


def unwritable_folder(tmp_path: Path) -> Path:
    """A data dir no one can write to.

    A folder made read-only with chmod; where chmod does not stop writing (as
    root), a path below a regular file instead.
    """
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except PermissionError:
        return folder
    (folder / "probe").unlink()
    return below_a_file(tmp_path)


def below_a_file(tmp_path: Path) -> Path:
    """A data dir path that cannot be created: its parent is a regular file."""
    (tmp_path / "afile").write_text("a file, not a folder\n")
    return tmp_path / "afile" / "tfds"


def archive_folder(tmp_path: Path, names=NAMES) -> Path:
    """A folder with symlinks to the official archives `names`."""
    folder = tmp_path / "archives"
    folder.mkdir()
    for name in names:
        (folder / name).symlink_to(ARCHIVES / name)
    return folder


def prepared_copy(tmp_path: Path) -> Path:
    """A private copy of the module's prepared TFDS folder; returns its data dir."""
    target = tmp_path / "tfds"
    shutil.copytree(_SOURCE["prepared"], target)
    return target


def overwrite_middle(path: Path, size: int = 4096) -> None:
    """Overwrite `size` bytes in the middle of the file with junk."""
    with path.open("r+b") as file:
        file.seek(path.stat().st_size // 2)
        file.write(bytes(range(256)) * (size // 256))


def records(data_dir: Path) -> list[Path]:
    """The .tfrecord files of the prepared copy under `data_dir`."""
    files = sorted(data_dir.glob("fashion_mnist/*/*.tfrecord*"))
    assert files, f"no .tfrecord files under {data_dir}"
    return files


# --- the situations ----------------------------------------------------------------------


@needs_archives
def read_only_data_dir(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch)
    folder = unwritable_folder(tmp_path)
    return lambda: load_fashion_mnist(data_dir=folder, manual_dir=ARCHIVES)


@needs_archives
def read_only_tfds_data_dir(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch, unwritable_folder(tmp_path))
    monkeypatch.setenv("FASHION_MNIST_DIR", str(ARCHIVES))
    return lambda: load_fashion_mnist()


@needs_archives
def data_dir_below_a_file(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch)
    return lambda: prepare_fashion_mnist(data_dir=below_a_file(tmp_path), manual_dir=ARCHIVES)


@needs_archives
def unwritable_found_by_tfds(tmp_path, monkeypatch):
    # Without the early check, TFDS's own OSError must still become the same advice.
    isolated(tmp_path, monkeypatch)
    monkeypatch.setattr(data, "_check_writable", lambda builder: None)
    return lambda: prepare_fashion_mnist(data_dir=below_a_file(tmp_path), manual_dir=ARCHIVES)


@needs_archives
def manual_dir_is_a_file(tmp_path, monkeypatch):
    tfds_dir = isolated(tmp_path, monkeypatch)
    return lambda: load_fashion_mnist(data_dir=tfds_dir, manual_dir=ARCHIVES / NAMES[0])


@needs_archives
def variable_names_a_file(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(ARCHIVES / NAMES[0]))
    return lambda: load_fashion_mnist()


def manual_dir_does_not_exist(tmp_path, monkeypatch):
    tfds_dir = isolated(tmp_path, monkeypatch)
    return lambda: load_fashion_mnist(data_dir=tfds_dir, manual_dir=tmp_path / "nowhere")


def variable_names_no_folder(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path / "nowhere"))
    return lambda: prepare_fashion_mnist()


@needs_archives
def archive_missing(tmp_path, monkeypatch):
    tfds_dir = isolated(tmp_path, monkeypatch)
    folder = archive_folder(tmp_path, NAMES[:3])
    return lambda: load_fashion_mnist(data_dir=tfds_dir, manual_dir=folder)


@needs_archives
def archive_not_official(tmp_path, monkeypatch):
    tfds_dir = isolated(tmp_path, monkeypatch)
    folder = archive_folder(tmp_path, NAMES[:3])
    (folder / NAMES[3]).write_bytes(b"\x1f\x8b not the official archive")
    return lambda: load_fashion_mnist(data_dir=tfds_dir, manual_dir=folder)


def with_argument(**arguments):
    """A row whose call passes `arguments` (and an isolated data dir unless given)."""
    def make(tmp_path, monkeypatch):
        tfds_dir = isolated(tmp_path, monkeypatch)
        return lambda: load_fashion_mnist(**{"data_dir": tfds_dir, **arguments})
    return make


def nothing_prepared_no_download(tmp_path, monkeypatch):
    tfds_dir = isolated(tmp_path, monkeypatch)
    return lambda: load_fashion_mnist(data_dir=tfds_dir, download=False)


def empty_variable_counts_as_unset(tmp_path, monkeypatch):
    # Unset, the loader says "not prepared"; read as a folder, "" would be "." instead.
    isolated(tmp_path, monkeypatch)
    monkeypatch.setenv("FASHION_MNIST_DIR", "")
    return lambda: load_fashion_mnist(download=False)


def no_network(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch)
    monkeypatch.setattr(data, "_can_reach", lambda url, timeout=5.0: False)
    return lambda: prepare_fashion_mnist()


@needs_prepared_copy
def records_overwritten(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch)
    tfds_dir = prepared_copy(tmp_path)
    for path in records(tfds_dir):
        overwrite_middle(path)
    return lambda: load_fashion_mnist(data_dir=tfds_dir)


@needs_prepared_copy
def records_truncated(tmp_path, monkeypatch):
    tfds_dir = prepared_copy(tmp_path)
    isolated(tmp_path, monkeypatch, tfds_dir)
    for path in records(tfds_dir):
        os.truncate(path, path.stat().st_size // 2)
    return lambda: load_fashion_mnist()


@needs_prepared_copy
def dataset_info_damaged(tmp_path, monkeypatch):
    isolated(tmp_path, monkeypatch)
    tfds_dir = prepared_copy(tmp_path)
    info = next(tfds_dir.glob("fashion_mnist/*/dataset_info.json"))
    info.write_text(info.read_text()[:100])
    return lambda: load_fashion_mnist(data_dir=tfds_dir)


NOT_WRITABLE = "cannot be written"
NOT_A_FOLDER = "is a file, not a folder"
DOWNLOAD_FLAG = "download must be True or False"
DELETE = "Delete the folder"
CASES = [
    Case("read-only-data_dir", read_only_data_dir, DatasetUnavailableError, NOT_WRITABLE),
    Case("read-only-TFDS_DATA_DIR", read_only_tfds_data_dir, DatasetUnavailableError, NOT_WRITABLE),
    Case("data_dir-below-a-file", data_dir_below_a_file, DatasetUnavailableError, NOT_WRITABLE),
    Case("unwritable-found-by-tfds", unwritable_found_by_tfds, DatasetUnavailableError,
         NOT_WRITABLE),
    Case("manual_dir-is-a-file", manual_dir_is_a_file, DatasetUnavailableError, NOT_A_FOLDER),
    Case("FASHION_MNIST_DIR-is-a-file", variable_names_a_file, DatasetUnavailableError,
         NOT_A_FOLDER),
    Case("manual_dir-does-not-exist", manual_dir_does_not_exist, DatasetUnavailableError,
         "does not exist"),
    Case("FASHION_MNIST_DIR-does-not-exist", variable_names_no_folder, DatasetUnavailableError,
         "given as FASHION_MNIST_DIR, does not exist"),
    Case("archive-missing", archive_missing, DatasetUnavailableError,
         "t10k-labels-idx1-ubyte.gz is missing"),
    Case("archive-not-official", archive_not_official, DatasetUnavailableError,
         "is not the official archive"),
    Case("download='no'", with_argument(download="no"), TypeError, DOWNLOAD_FLAG),
    Case("download=1", with_argument(download=1), TypeError, DOWNLOAD_FLAG),
    Case("download=None", with_argument(download=None), TypeError, DOWNLOAD_FLAG),
    Case("data_dir=3", with_argument(data_dir=3), TypeError,
         "data_dir must be None, a str or an os.PathLike"),
    Case("manual_dir=3", with_argument(manual_dir=3), TypeError,
         "manual_dir must be None, a str or an os.PathLike"),
    Case("manual_dir-list", with_argument(manual_dir=[str(ARCHIVES)]), TypeError,
         "manual_dir must be None, a str or an os.PathLike"),
    Case("no-download-nothing-prepared", nothing_prepared_no_download, DatasetUnavailableError,
         "and download=False"),
    Case("numpy-False-is-accepted", with_argument(download=np.False_), DatasetUnavailableError,
         "and download=False"),
    Case("empty-FASHION_MNIST_DIR-is-unset", empty_variable_counts_as_unset,
         DatasetUnavailableError, "and download=False"),
    Case("no-network", no_network, DatasetUnavailableError, "cannot be reached"),
    Case("records-overwritten", records_overwritten, DatasetUnavailableError, DELETE),
    Case("records-truncated", records_truncated, DatasetUnavailableError, DELETE),
    Case("dataset_info-damaged", dataset_info_damaged, DatasetUnavailableError, DELETE),
]


# --- the tests ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    """A real prepared copy, made once for the module from the official archives."""
    folder = tmp_path_factory.mktemp("prepared") / "tfds"
    prepare_fashion_mnist(data_dir=folder, manual_dir=ARCHIVES)
    return folder


@pytest.fixture
def arrange(request):
    """Skip rows that need absent archives; make the prepared copy for rows that copy it."""
    def make(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        if getattr(case.make, "needs_archives", False) and not ARCHIVES.is_dir():
            pytest.skip("needs the official archives: set FASHION_MNIST_DIR")
        if getattr(case.make, "needs_prepared_copy", False):
            _SOURCE["prepared"] = request.getfixturevalue("prepared")
        return case.make(tmp_path, monkeypatch)
    return make


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input(case, tmp_path, monkeypatch, arrange):
    call = arrange(case, tmp_path, monkeypatch)
    with pytest.raises(case.error) as raised:
        call()
    assert case.fragment in str(raised.value)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_error_comes_from_the_package(case, tmp_path, monkeypatch, arrange):
    """The package raises it, in its own code: not an exception escaping TensorFlow or TFDS."""
    call = arrange(case, tmp_path, monkeypatch)
    with pytest.raises(Exception) as raised:
        call()
    assert_raised_by_the_package(raised.value)


def assert_raised_by_the_package(error: BaseException) -> None:
    kind = type(error)
    assert kind.__module__.startswith("tutorial_support") or kind is TypeError, kind
    innermost = traceback.extract_tb(error.__traceback__)[-1]
    assert f"{os.sep}tutorial_support{os.sep}" in innermost.filename, innermost
