"""``doorstroom audit ...``: verify the hash-chained audit trail, and list it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from doorstroom.accounts import auditlog
from doorstroom.accounts.domain import Gebruiker
from doorstroom.cli.options import FormatOption, OutOption, getal_optie
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store
from doorstroom.platform.audit import current_actor
from doorstroom.platform.paging import Pagina
from doorstroom.values.domains import AUDITREGELS

app = typer.Typer(help="Auditlog: keten controleren en regels tonen.", no_args_is_help=True)
EXIT_BEVINDING = 1


def _operator() -> Gebruiker:
    return Gebruiker.systeem(current_actor().removeprefix("os:"))


@app.command("controleer")
def controleer() -> None:
    """Controleer de hashketen. Exitcode 1 met de eerste gewijzigde regel als de keten breekt."""
    with open_store() as engine:
        uitkomst = auditlog.controle(engine, _operator())
    console = Console(highlight=False, soft_wrap=True)
    if uitkomst["intact"]:
        console.print(f"auditlog intact: {uitkomst['regels']} regels, kop {uitkomst['kop_hash']}")
        return
    waar = f"regel id {uitkomst['fout_id']}" if uitkomst["fout_id"] is not None else "einde van de log"
    Console(stderr=True, highlight=False).print(
        f"[bold red]auditlog gebroken[/] bij {waar} (volgnummer {uitkomst['fout_volgnummer']}): "
        f"{uitkomst['reden']}"
    )
    raise typer.Exit(EXIT_BEVINDING)


@app.command("lijst")
def lijst(
    objecttype: Annotated[str | None, typer.Option("--objecttype")] = None,
    object_id: Annotated[
        str | None, typer.Option("--object", help="Id van een persoon, huishouden, ...")
    ] = None,
    aantal: Annotated[
        int, getal_optie("--aantal", domain=AUDITREGELS, help="Hoeveel regels, nieuwste eerst.")
    ] = 50,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon de nieuwste regels van het auditlog."""
    with open_store() as engine:
        rows, _ = auditlog.regels(
            engine, _operator(), objecttype=objecttype, object_id=object_id, pagina=Pagina(1, aantal)
        )
    flat = [{**r, "velden": ",".join(r["velden"]), "objecten": ",".join(r["objecten"])} for r in rows]
    emit(
        flat,
        ["volgnummer", "moment", "actor", "actie", "objecttype", "objectref", "aantal", "velden", "doel"],
        fmt,
        out,
        title="audit",
        persoonsgegevens=True,
    )
