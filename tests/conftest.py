"""Test configuration: hypothesis profiles chosen by ``HYPOTHESIS_PROFILE``."""

import os

from hypothesis import HealthCheck, Phase, settings

import toy_scheme  # noqa: F401 - declares the made-up third scheme, for every scheme's properties

# The typed usage file is for mypy; running it would read files that do not exist.
# toy_scheme.py declares a scheme: imported once, by the import above, not again for doctests.
collect_ignore = ["typing", "toy_scheme.py"]

settings.register_profile("dev", max_examples=100)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("fast", max_examples=20)
# The long fuzz of the loaders (tests/fuzz): many cases, fresh ones each run.
settings.register_profile(
    "fuzz",
    max_examples=5_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Mutation runs: the same examples for every mutant, so a mutant's fate does not
# depend on luck; few of them, since the suite runs once per mutant; and no
# shrinking, since a mutant only needs one failing example to be caught.
settings.register_profile(
    "mutation",
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
