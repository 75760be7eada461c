"""Product recognition: assessment schemes, rounds, score sheets, results and certificates."""
