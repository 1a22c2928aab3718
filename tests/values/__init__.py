"""Tests of the values package."""
