"""Every status and method of a run has Dutch words on the pages (issue 20: ``optimal``, ``highs``)."""

from __future__ import annotations

from doorstroom.koppeling.core.result import SolveStatus
from doorstroom.koppeling.core.woorden import woord
from doorstroom.koppeling.solver.registry import SOLVERS
from doorstroom.web.sjablonen import maak_sjablonen


def test_every_status_and_method_has_its_own_dutch_words() -> None:
    machinewoorden = [*(s.value for s in SolveStatus), *SOLVERS]
    woorden = [woord(w) for w in machinewoorden]
    assert all(w != m for w, m in zip(woorden, machinewoorden, strict=True)), woorden
    assert len(set(woorden)) == len(woorden)
    assert woord(SolveStatus.optimal) == "optimaal" and woord("onbekend") == "onbekend"


def test_pages_say_the_words_through_one_filter() -> None:
    sjabloon = maak_sjablonen().env.from_string("{{ s | koppelwoord }}, {{ m | koppelwoord }}")
    assert sjabloon.render(s="feasible", m="highs") == (
        "iedereen gekoppeld, optimum niet bewezen, optimaliseren (HiGHS)"
    )
