"""Commands loaded when they are used: ``doorstroom --help`` and each command import only their own.

Importing every group up front made ``doorstroom --help`` take 2 s and 126 MiB (issue 22): each
group pulls in its context (solvers, numpy, SQLAlchemy models, workbooks). The root group knows
each command by name and short help (:data:`OPDRACHTEN`); the module behind it is imported when
the command runs, or when something asks for the command itself (a test walking the whole app).
A test holds the short help here against the command's own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand

#: A click command. Typer vendors click in newer versions and depends on it in older ones, so the
#: class has no name that holds across the supported range; the root only stores and returns them.
Command = Any


@dataclass(frozen=True)
class Opdracht:
    """Where a command lives (module and attribute: a Typer group or a function) and its short help."""

    module: str
    attribuut: str
    help: str


OPDRACHTEN: dict[str, Opdracht] = {
    "serve": Opdracht(
        "doorstroom.cli.server",
        "serve",
        "Start de server: webapplicatie op /, API op /api/v1 (uvicorn); JSON-logs zonder persoonsgegevens.",
    ),
    "demo": Opdracht(
        "doorstroom.cli.demo",
        "demo",
        "Start de demo: lokale SQLite-database met SYNTHETISCHE gegevens, demo-accounts en de webapplicatie.",
    ),
    "backup": Opdracht(
        "doorstroom.cli.server",
        "backup",
        "Maak een consistente backup van de database (SQLite online backup, PostgreSQL pg_dump).",
    ),
    "herstel": Opdracht(
        "doorstroom.cli.server",
        "herstel",
        "Zet een backup terug: vervangt de hele inhoud van de database (alles of niets).",
    ),
    "gemeenten": Opdracht(
        "doorstroom.cli.reference",
        "app",
        "Gemeenten (CBS): tonen, vergelijken en een nieuwere lijst laden.",
    ),
    "taakstelling": Opdracht(
        "doorstroom.cli.taakstelling",
        "app",
        "Taakstelling huisvesting vergunninghouders per gemeente.",
    ),
    "koppeling": Opdracht(
        "doorstroom.cli.koppeling",
        "app",
        "Koppeling: voorstellen voor het koppelen van huishoudens aan gemeenten.",
    ),
    "prognose": Opdracht(
        "doorstroom.cli.prognose",
        "app",
        "Prognose: Monte-Carlo-prognose van de hele asielketen.",
    ),
    "spreiding": Opdracht(
        "doorstroom.cli.spreiding",
        "app",
        "Spreiding van opvangplaatsen (Spreidingswet) per provincie, gemeente en regio.",
    ),
    "db": Opdracht(
        "doorstroom.cli.db",
        "app",
        "Database: migraties toepassen en schemaversie tonen.",
    ),
    "dossier": Opdracht(
        "doorstroom.cli.dossier",
        "app",
        "Dossier: importeren, termijnen, AVG-inzage en bewaartermijn.",
    ),
    "gebruiker": Opdracht(
        "doorstroom.cli.gebruiker",
        "app",
        "Gebruikers: aanmaken, tonen, blokkeren, deblokkeren, wachtwoord zetten.",
    ),
    "token": Opdracht(
        "doorstroom.cli.gebruiker",
        "tokens",
        "API-tokens: aanmaken (eenmalig getoond), tonen, intrekken.",
    ),
    "audit": Opdracht(
        "doorstroom.cli.audit",
        "app",
        "Auditlog: keten controleren, verankeren en regels tonen.",
    ),
    "monitor": Opdracht(
        "doorstroom.cli.monitor",
        "app",
        "Monitor: integratie-uitkomsten per gemeente en cohort (afgeschermd).",
    ),
    "beleid": Opdracht(
        "doorstroom.cli.beleid",
        "app",
        "Beleidsregimes: geldend recht, wetsvoorstellen en voornemens, met bron en status.",
    ),
    "huisvesting": Opdracht(
        "doorstroom.cli.huisvesting",
        "app",
        "Huisvesting: woningaanbod, huisvestingsplan en geld per gemeente.",
    ),
}


def laad(naam: str) -> Command:
    """The click command of ``naam``, its module imported now, built as ``add_typer`` built it.

    The group (or function) is hung under a bare carrier app and taken from the carrier's group, so
    it gets exactly the options and help it had when the root registered it up front (no completion
    options, which Typer adds only to a root).
    """
    opdracht = OPDRACHTEN[naam]
    gevonden = getattr(importlib.import_module(opdracht.module), opdracht.attribuut)
    drager = typer.Typer()
    if isinstance(gevonden, typer.Typer):
        drager.add_typer(gevonden, name=naam)
    else:
        drager.command(naam)(gevonden)
    return typer.main.get_group(drager).commands[naam]


class Catalogus(dict[str, Command]):
    """The root's commands: loaded ones, and the others loaded as soon as they are looked at."""

    def __init__(self, geladen: Mapping[str, Command], laden: Callable[[str], Command]) -> None:
        super().__init__(geladen)
        self._laden = laden

    def _alles(self) -> None:
        for naam in OPDRACHTEN:
            if not super().__contains__(naam):
                super().__setitem__(naam, self._laden(naam))

    def __getitem__(self, naam: str) -> Command:
        if naam in OPDRACHTEN and not super().__contains__(naam):
            super().__setitem__(naam, self._laden(naam))
        return super().__getitem__(naam)

    def get(self, naam: str, standaard: Any = None) -> Any:
        try:
            return self[naam]
        except KeyError:
            return standaard

    def __contains__(self, naam: object) -> bool:
        return naam in OPDRACHTEN or super().__contains__(naam)

    def __iter__(self) -> Iterator[str]:
        return iter(self.namen())

    def __len__(self) -> int:
        return len(self.namen())

    def namen(self) -> list[str]:
        """Every name, the lazy ones first (in their order), without loading any."""
        return [*OPDRACHTEN, *(n for n in super().__iter__() if n not in OPDRACHTEN)]

    def items(self) -> ItemsView[str, Command]:  # type: ignore[override]
        self._alles()
        return super().items()

    def values(self) -> ValuesView[Command]:  # type: ignore[override]
        self._alles()
        return super().values()


def kopie(naam: str) -> Command:
    """What ``--help`` lists for a command not loaded yet: its name and short help only."""
    return TyperCommand(naam, help=OPDRACHTEN[naam].help)
