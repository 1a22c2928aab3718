"""``doorstroom audit ...``: verify the hash-chained audit trail, anchor its head, and list it."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from doorstroom.accounts import service
from doorstroom.cli.options import FormatOption, OutOption, getal_optie
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store, operator
from doorstroom.platform.paging import Pagina
from doorstroom.values.domains import AUDITREGELS

app = typer.Typer(help="Auditlog: keten controleren, verankeren en regels tonen.", no_args_is_help=True)
EXIT_BEVINDING = 1
_err = Console(stderr=True, highlight=False, soft_wrap=True)


@app.command("controleer")
def controleer() -> None:
    """Controleer de hashketen, en tegen elk anker (DOORSTROOM_AUDIT_ANKER). Exitcode 1 als hij breekt."""
    with open_store() as engine:
        uitkomst = service.auditcontrole(engine, operator())
    if not uitkomst["intact"]:
        _gebroken(uitkomst)
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"auditlog intact: {uitkomst['regels']} regels, kop {uitkomst['kop_hash']}")
    if uitkomst["ankerplaats"] is None:
        _err.print("geen ankers ingesteld (DOORSTROOM_AUDIT_ANKER): een afgesneden staart valt zo niet op")
    else:
        console.print(f"klopt met {uitkomst['ankers']} ankers in {uitkomst['ankerplaats']}")


def _gebroken(uitkomst: dict[str, Any]) -> NoReturn:
    waar = f"regel id {uitkomst['fout_id']}" if uitkomst["fout_id"] is not None else "einde van de log"
    _err.print(
        f"[bold red]auditlog gebroken[/] bij {waar} (volgnummer {uitkomst['fout_volgnummer']}): "
        f"{uitkomst['reden']}"
    )
    raise typer.Exit(EXIT_BEVINDING)


@app.command("anker")
def anker() -> None:
    """Bewaar de kop van de keten buiten de database (DOORSTROOM_AUDIT_ANKER). Exitcode 1 als hij breekt."""
    with open_store() as engine:
        uitkomst = service.auditanker(engine, operator())
    if not uitkomst["intact"]:
        _gebroken(uitkomst)
    if uitkomst["anker"] is None:
        _err.print("auditlog is leeg: er is niets te verankeren")
        return
    bewaard = uitkomst["anker"]
    Console(highlight=False, soft_wrap=True).print(
        f"anker bewaard in {uitkomst['ankerplaats']}: regel {bewaard['volgnummer']}, "
        f"{bewaard['aantal']} regels, kop {bewaard['hash']}, {bewaard['moment']}"
    )


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
        rows, _ = service.auditregels(
            engine, operator(), objecttype=objecttype, object_id=object_id, pagina=Pagina(1, aantal)
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
