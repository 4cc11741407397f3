"""Small statistics shared by quality, releases and pay: plain formulas, no library has a lighter one."""

import math

Z_95 = 1.959963984540054


def wilson_interval(successes: float, trials: float, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (95 % by default); (0.0, 1.0) when there are no trials.

    `successes` may be fractional (a sum of partial scores), as long as 0 <= successes <= trials."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
