"""The reference context's pure rules: municipalities, provinces, mergers, divisions, lookups."""
