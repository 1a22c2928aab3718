"""The one access rule: what each role may do and see, and proof that nothing else decides access."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.accounts.toegang import Handeling
from doorstroom.platform.errors import PermissionDenied
from doorstroom.values import afscherming
from doorstroom.values.stadium import Stadium

SRC = Path(__file__).resolve().parents[2] / "src" / "doorstroom"
HET_ENE_ANTWOORD = SRC / "accounts" / "toegang.py"
ROLLEN_ALS_GEGEVENS = {SRC / "demo" / "laden.py"}
"""Where roles appear as data (the demo's accounts) — never compared."""

GEBRUIKERS = {
    Rol.gemeente: Gebruiker("g", Rol.gemeente, gemeentecode="GM0344"),
    Rol.coa: Gebruiker("c", Rol.coa),
    Rol.provincie: Gebruiker("p", Rol.provincie, provincie="Utrecht"),
    Rol.beheerder: Gebruiker("b", Rol.beheerder),
    Rol.systeem: Gebruiker.systeem("s"),
}


def _modules() -> list[Path]:
    """Every module but the access rule and the definition of users and roles (whose audit name,
    ``os:`` for the operator, follows the role)."""
    eigen = {HET_ENE_ANTWOORD, SRC / "accounts" / "domain.py"}
    return [p for p in SRC.rglob("*.py") if p not in eigen and "migrations" not in p.parts]


def _vergelijkt_rol(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):
        delen = [node.left, *node.comparators]
        return any(isinstance(d, ast.Attribute) and d.attr == "rol" for d in delen)
    return (
        isinstance(node, ast.Match) and isinstance(node.subject, ast.Attribute) and node.subject.attr == "rol"
    )


def test_no_module_but_the_access_rule_compares_roles() -> None:
    gevonden = [
        f"{pad.relative_to(SRC)}:{node.lineno}"
        for pad in _modules()
        for node in ast.walk(ast.parse(pad.read_text(encoding="utf-8")))
        if _vergelijkt_rol(node)
    ]
    assert gevonden == []


def test_no_module_but_the_access_rule_names_a_role() -> None:
    gevonden = [
        f"{pad.relative_to(SRC)}:{node.lineno}"
        for pad in _modules()
        if pad not in ROLLEN_ALS_GEGEVENS
        for node in ast.walk(ast.parse(pad.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Rol"
    ]
    assert gevonden == []


def test_the_permissions_per_role() -> None:
    verwacht = {
        Rol.gemeente: {"dossier_lezen", "dossier_schrijven", "dossier_importeren", "ketencijfers_lezen",
                       "spreiding_lezen", "prognose_rekenen", "monitor_lezen", "huisvesting_lezen",
                       "huisvesting_beheren"},
        Rol.coa: {"dossier_lezen", "dossier_schrijven", "dossier_importeren", "ketencijfers_lezen",
                  "spreiding_lezen", "prognose_rekenen", "koppeling_beoordelen", "identiteit_beoordelen",
                  "monitor_lezen", "huisvesting_lezen", "prognose_delen"},
        Rol.provincie: {"ketencijfers_lezen", "spreiding_lezen", "prognose_rekenen", "monitor_lezen",
                        "huisvesting_lezen"},
        Rol.beheerder: {"gebruikers_beheren", "auditlog_lezen"},
        Rol.systeem: {h.name for h in Handeling},
    }  # fmt: skip
    for rol, gebruiker in GEBRUIKERS.items():
        assert {h.name for h in Handeling if toegang.mag(gebruiker, h)} == verwacht[rol], rol


@given(st.sampled_from(list(GEBRUIKERS)), st.sampled_from(list(Handeling)))
def test_eis_refuses_exactly_what_mag_denies(rol: Rol, handeling: Handeling) -> None:
    gebruiker = GEBRUIKERS[rol]
    if toegang.mag(gebruiker, handeling):
        toegang.eis(gebruiker, handeling)
    else:
        with pytest.raises(PermissionDenied):
            toegang.eis(gebruiker, handeling)


CODES = st.sampled_from(["GM0344", "GM0307", "GM0014", "GM0363"])


@given(CODES, st.integers(min_value=0, max_value=50))
def test_a_municipality_sees_its_own_counts_exactly_and_no_one_elses_below_ten(
    code: str, aantal: int
) -> None:
    bereik = toegang.bereik(GEBRUIKERS[Rol.gemeente])
    getoond = bereik.aantal(code, aantal)
    if code == "GM0344":
        assert getoond == aantal
    else:
        assert getoond == (aantal if aantal == 0 or aantal >= afscherming.MINIMUM else None)


@given(CODES, st.integers(min_value=1, max_value=afscherming.MINIMUM - 1))
def test_a_province_and_coa_never_see_a_count_below_ten(code: str, aantal: int) -> None:
    provincie = toegang.bereik(GEBRUIKERS[Rol.provincie], ["GM0344", "GM0307"])
    coa = toegang.bereik(GEBRUIKERS[Rol.coa])
    assert provincie.aantal(code, aantal) is None and coa.aantal(code, aantal) is None
    assert not provincie.personen and not provincie.mag_gemeente(code)


@given(st.sampled_from(list(GEBRUIKERS)), st.sampled_from(list(Stadium)))
def test_writing_an_event_needs_its_stage(rol: Rol, stadium: Stadium) -> None:
    bereik = toegang.bereik(GEBRUIKERS[rol])
    if bereik.personen and stadium in bereik.stadia:
        bereik.eis_stadium(stadium)
    else:
        with pytest.raises(PermissionDenied):
            bereik.eis_stadium(stadium)


def test_a_transfer_scope_is_only_for_who_decides_on_aanmeldingen() -> None:
    assert toegang.overdrachtsbereik(GEBRUIKERS[Rol.coa]).gemeentecodes is None
    for rol in (Rol.gemeente, Rol.provincie, Rol.beheerder):
        with pytest.raises(PermissionDenied):
            toegang.overdrachtsbereik(GEBRUIKERS[rol])


@given(CODES)
def test_quota_and_realisation_are_public_to_every_role_that_reads_the_chain(code: str) -> None:
    """Issue 20 item 9: a municipality saw only its own quota, though COA publishes every one."""
    for rol in (Rol.gemeente, Rol.coa, Rol.provincie, Rol.systeem):
        assert toegang.bereik(GEBRUIKERS[rol], ["GM0344"]).ziet_taakstelling(code), rol
    assert not toegang.bereik(GEBRUIKERS[Rol.beheerder]).ziet_taakstelling(code)
    eigen = toegang.bereik(GEBRUIKERS[Rol.gemeente])
    assert eigen.ziet_aggregaat(code) == (code == "GM0344")  # the case file's counts stay its own


def test_a_stored_forecast_is_its_makers_until_shared() -> None:
    """Issue 20 item 8: one user's trial was every role's default forecast."""
    ander = "gebruiker:iemand-anders"
    for rol in (Rol.gemeente, Rol.provincie):
        gebruiker = GEBRUIKERS[rol]
        assert toegang.ziet_prognose(gebruiker, gebruiker.actor, gedeeld=False)
        assert toegang.ziet_prognose(gebruiker, "os:demo", gedeeld=False)  # the server's own
        assert toegang.ziet_prognose(gebruiker, ander, gedeeld=True)
        assert not toegang.ziet_prognose(gebruiker, ander, gedeeld=False)
    assert toegang.ziet_prognose(GEBRUIKERS[Rol.coa], ander, gedeeld=False)  # plans nationally
    assert not toegang.ziet_prognose(GEBRUIKERS[Rol.beheerder], "os:demo", gedeeld=True)
