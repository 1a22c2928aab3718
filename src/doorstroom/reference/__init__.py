"""Reference facts: municipalities, provinces, regions, population, half-year periods."""
