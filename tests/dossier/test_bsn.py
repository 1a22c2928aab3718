"""The eleven-test: known numbers, every single-digit typo caught, shapes refused."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from doorstroom.dossier.bsn import bsn_probleem, elfproef, normaliseer_bsn, vnummer_probleem
from tests.dossier.strategies import geldige_bsns


def test_known_valid_and_invalid_numbers() -> None:
    assert elfproef("111222333")
    assert elfproef("123456782")
    assert not elfproef("123456789")
    assert not elfproef("000000000")  # passes the arithmetic, never issued


@given(geldige_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_every_single_digit_change_fails(bsn: str, position: int, delta: int) -> None:
    digits = list(bsn)
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert elfproef(bsn)
    assert not elfproef("".join(digits))


def test_eight_digit_numbers_are_padded_and_messages_do_not_echo() -> None:
    assert normaliseer_bsn("11222333") == "011222333"
    assert bsn_probleem("12345") == "een BSN heeft 9 cijfers"
    message = bsn_probleem("123456789")
    assert message is not None and "123456789" not in message


def test_vnummer_shape() -> None:
    assert vnummer_probleem("1234567890") is None
    assert vnummer_probleem("12345") is not None
    assert vnummer_probleem("١٢٣٤٥٦٧٨٩٠") is not None  # Arabic-Indic digits are not ASCII digits
