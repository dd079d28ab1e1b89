"""Test configuration: hypothesis profiles chosen by ``HYPOTHESIS_PROFILE``."""

import os

from hypothesis import HealthCheck, settings

# The typed usage file is for mypy; running it would read files that do not exist.
collect_ignore = ["typing"]

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
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
