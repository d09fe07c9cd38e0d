"""Helpers shared by the notebooks on vector-symbolic architectures and associative memories.

The package is deliberately thin: each module is named after one idea and holds
only what two notebooks share or what would bury a notebook in plumbing.

* :mod:`tutorial_support.checks` -- claims as checks: what a notebook's prose relies on,
  stated so that a run that breaks it stops with a clear message.
* :mod:`tutorial_support.data` -- Fashion-MNIST through tensorflow-datasets, online or offline.
* :mod:`tutorial_support.fhrr` -- FHRR vector symbols: similarity, bind, unbind, bundle.
* :mod:`tutorial_support.binary` -- bipolar hypervectors: levels, bind, bundle, encoders.
* :mod:`tutorial_support.hopfield` -- classical Hopfield networks: Hebbian storage, energy,
  asynchronous and synchronous recall, noise.
* :mod:`tutorial_support.energy` -- Lagrangians, neuron and synapse energies, and a small
  framework whose total energy JAX differentiates into the dynamics.
* :mod:`tutorial_support.dam` -- the conditional (image, label) Dense Associative Memory of
  notebook 05 and its export to a self-contained web page.
* :mod:`tutorial_support.resonator` -- resonator networks: factoring a binding of bipolar
  symbols by clean-ups in superposition.
* :mod:`tutorial_support.stats` -- how far a measured rate can be trusted (Wilson intervals).
* :mod:`tutorial_support.colab` -- what the notebooks' first cell does on Colab: install what
  is missing without changing any preinstalled package.
* :mod:`tutorial_support.validate` -- shared input checks: the same rules and messages
  (what was expected, what came, what to do) in every module that uses them.
* :mod:`tutorial_support.exercises` -- self-checks: ``check_answer("NN.k", answer)`` says
  whether an exercise's answer is right, or gives a hint.

Import the modules you use (``from tutorial_support import fhrr``): importing the
package itself loads only the data loader's names and NumPy, so that the Colab
set-up can run before JAX, Haiku or Equinox are known to work.
"""

from tutorial_support.data import (
    CLASS_NAMES,
    DatasetUnavailableError,
    FashionMNIST,
    load_fashion_mnist,
    prepare_fashion_mnist,
)

__all__ = [
    "CLASS_NAMES",
    "DatasetUnavailableError",
    "FashionMNIST",
    "binary",
    "checks",
    "colab",
    "dam",
    "energy",
    "exercises",
    "fhrr",
    "hopfield",
    "resonator",
    "stats",
    "validate",
    "load_fashion_mnist",
    "prepare_fashion_mnist",
]
__version__ = "0.1.0"
