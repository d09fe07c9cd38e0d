"""tutorial_support.checks: claims print a fixed line when they hold and stop the run when not."""

import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support.checks import ClaimFailed, check, check_at_least, check_at_most, check_between


def test_a_claim_that_holds_prints_a_line_without_the_value(capsys):
    check_between("test accuracy", 0.8886, 0.86, 0.91)
    check_at_most("largest energy rise", jnp.float32(1e-6), 1e-4)
    check_at_least("wrong pixels repaired", np.int64(63), 1)
    check("Shirt is the hardest class", np.bool_(True))
    assert capsys.readouterr().out.splitlines() == [
        "✓ test accuracy lies in [0.86, 0.91]",
        "✓ largest energy rise ≤ 0.0001",
        "✓ wrong pixels repaired ≥ 1",
        "✓ Shirt is the hardest class",
    ]


@pytest.mark.parametrize("call", [
    lambda: check_between("accuracy", 0.5, 0.86, 0.91),
    lambda: check_between("accuracy", 0.95, 0.86, 0.91),
    lambda: check_at_most("energy rise", 0.1, 1e-4),
    lambda: check_at_least("accuracy", 0.1, 0.5),
    lambda: check("Shirt is the hardest class", False),
    lambda: check("all pixels repaired", jnp.array(False)),
])
def test_a_claim_that_fails_stops_with_the_claim_in_the_message(call):
    with pytest.raises(ClaimFailed, match="Claim does not hold"):
        call()


def test_the_failure_message_names_the_value_found():
    with pytest.raises(ClaimFailed, match=r"accuracy lies in \[0.86, 0.91\] \(found 0.5\)"):
        check_between("accuracy", 0.5, 0.86, 0.91)


@pytest.mark.parametrize("call", [
    lambda: check_between("accuracy", float("nan"), 0, 1),
    lambda: check_at_most("energy rise", jnp.nan, 1.0),
    lambda: check_at_least("accuracy", np.float32("nan"), 0.0),
])
def test_nan_never_satisfies_a_claim(call):
    with pytest.raises(ClaimFailed):
        call()


@pytest.mark.parametrize("call, message", [
    (lambda: check_between("accuracy", np.array([0.9, 0.8]), 0, 1), "single number"),
    (lambda: check_between("accuracy", "0.9", 0, 1), "single number"),
    (lambda: check_between("accuracy", True, 0, 1), "boolean"),
    (lambda: check_between("accuracy", 0.9, 1, 0), "low must not exceed high"),
    (lambda: check_between("accuracy", 0.9, float("nan"), 1), "not NaN"),
    (lambda: check("", True), "non-empty string"),
    (lambda: check("all repaired", np.array([True, False])), r"\.all\(\) or \.any\(\)"),
    (lambda: check("all repaired", 1), "True/False"),
])
def test_misuse_is_refused_with_advice(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()
