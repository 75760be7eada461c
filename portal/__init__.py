"""Building blocks every app of the portal shares: bilingual names, publication, history."""
