"""Tests of the files package."""
