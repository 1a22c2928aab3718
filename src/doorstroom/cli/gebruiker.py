"""``doorstroom gebruiker ...`` and ``doorstroom token ...``: accounts and API tokens."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from doorstroom.accounts import service
from doorstroom.accounts.service import AANMAAKBARE_ROLLEN, Rol
from doorstroom.cli.options import FormatOption, OutOption, getal_optie
from doorstroom.cli.output import Format, emit
from doorstroom.cli.output import err as _err
from doorstroom.cli.store import open_store, operator
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import TOKEN_GELDIGHEID_DAGEN, TOKENNUMMER

app = typer.Typer(
    help="Gebruikers: aanmaken, tonen, blokkeren, deblokkeren, wachtwoord zetten.", no_args_is_help=True
)
tokens = typer.Typer(help="API-tokens: aanmaken (eenmalig getoond), tonen, intrekken.", no_args_is_help=True)


def _rol(tekst: str) -> Rol:
    namen = [r.value for r in AANMAAKBARE_ROLLEN]
    if tekst not in namen:
        raise InputError(Problem(f"onbekende rol '{tekst}'; kies uit {', '.join(namen)}", field="rol"))
    return Rol(tekst)


@app.command("aanmaken")
def aanmaken(
    gebruikersnaam: Annotated[
        str, typer.Option("--gebruikersnaam", help="Inlognaam (kleine letters, cijfers, . _ @ -).")
    ],
    rol: Annotated[str, typer.Option("--rol", help="gemeente, coa, provincie of beheerder.")],
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Code of naam (rol gemeente).")] = None,
    provincie: Annotated[str | None, typer.Option("--provincie", help="Naam (rol provincie).")] = None,
    wachtwoord_stdin: Annotated[
        bool, typer.Option("--wachtwoord-stdin", help="Lees een wachtwoord (web) van stdin.")
    ] = False,
    oidc_subject: Annotated[
        str | None, typer.Option("--oidc-subject", help="'sub' bij de identity provider.")
    ] = None,
) -> None:
    """Maak een gebruiker met rol en bereik (eigen gemeente of provincie)."""
    wachtwoord = sys.stdin.readline().rstrip("\n") if wachtwoord_stdin else None
    with open_store() as engine:
        gebruiker = service.maak_gebruiker(
            engine,
            operator(),
            gebruikersnaam,
            _rol(rol),
            gemeente=gemeente,
            provincie=provincie,
            wachtwoord_tekst=wachtwoord,
            oidc_subject=oidc_subject,
        )
    bereik = gebruiker.gemeentecode or gebruiker.provincie or "landelijk"
    _err.print(f"gebruiker {gebruiker.gebruikersnaam} aangemaakt: rol {gebruiker.rol}, bereik {bereik}")


@app.command("lijst")
def lijst(fmt: FormatOption = Format.table, out: OutOption = None) -> None:
    """Toon alle gebruikers (zonder wachtwoorden)."""
    with open_store() as engine:
        rows = service.gebruikers(engine, operator())
    emit(
        rows,
        ["gebruikersnaam", "rol", "gemeentecode", "provincie", "actief", "oidc"],
        fmt,
        out,
        title="gebruikers",
        persoonsgegevens=True,
    )


@app.command("blokkeren")
def blokkeren(gebruikersnaam: Annotated[str, typer.Option("--gebruikersnaam")]) -> None:
    """Zet een gebruiker op non-actief: zijn sessies en tokens werken meteen niet meer."""
    with open_store() as engine:
        service.blokkeer(engine, operator(), gebruikersnaam)
    _err.print(f"gebruiker {gebruikersnaam} geblokkeerd")


@app.command("deblokkeren")
def deblokkeren(gebruikersnaam: Annotated[str, typer.Option("--gebruikersnaam")]) -> None:
    """Zet een geblokkeerde gebruiker weer op actief: wachtwoord en geldige tokens werken weer."""
    with open_store() as engine:
        service.deblokkeer(engine, operator(), gebruikersnaam)
    _err.print(f"gebruiker {gebruikersnaam} gedeblokkeerd")


@app.command("wachtwoord")
def wachtwoord(gebruikersnaam: Annotated[str, typer.Option("--gebruikersnaam")]) -> None:
    """Zet een wachtwoord (voor de webapplicatie), gelezen van stdin; minstens 12 tekens."""
    tekst = sys.stdin.readline().rstrip("\n")
    with open_store() as engine:
        service.zet_wachtwoord(engine, operator(), gebruikersnaam, tekst)
    _err.print(f"wachtwoord van {gebruikersnaam} gezet")


@tokens.command("aanmaken")
def token_aanmaken(
    gebruikersnaam: Annotated[str, typer.Option("--gebruikersnaam")],
    geldig_dagen: Annotated[
        int | None,
        getal_optie(
            "--geldig-dagen", domain=TOKEN_GELDIGHEID_DAGEN, help="Standaard DOORSTROOM_TOKEN_LIFETIME_DAYS."
        ),
    ] = None,
    omschrijving: Annotated[
        str, typer.Option("--omschrijving", help="Waarvoor (koppeling met systeem X).")
    ] = "",
) -> None:
    """Maak een token; alleen het token komt op stdout (eenmalig: het wordt niet bewaard)."""
    with open_store() as engine:
        token, info = service.maak_token(
            engine, operator(), gebruikersnaam, geldig_dagen=geldig_dagen, omschrijving=omschrijving
        )
    _err.print(
        f"token {info.id} voor {info.gebruikersnaam}, geldig tot {info.verloopt_op:%Y-%m-%d %H:%M} UTC"
    )
    print(token)


@tokens.command("lijst")
def token_lijst(
    gebruikersnaam: Annotated[str | None, typer.Option("--gebruikersnaam")] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon tokens (nooit het token zelf) met verloop- en intrekdatum."""
    with open_store() as engine:
        infos = service.tokens_van(engine, operator(), gebruikersnaam)
    rows = [
        {
            "id": i.id,
            "gebruikersnaam": i.gebruikersnaam,
            "omschrijving": i.omschrijving,
            "aangemaakt_op": i.aangemaakt_op.isoformat(timespec="seconds"),
            "verloopt_op": i.verloopt_op.isoformat(timespec="seconds"),
            "ingetrokken_op": i.ingetrokken_op.isoformat(timespec="seconds") if i.ingetrokken_op else None,
        }
        for i in infos
    ]
    emit(
        rows,
        ["id", "gebruikersnaam", "omschrijving", "aangemaakt_op", "verloopt_op", "ingetrokken_op"],
        fmt,
        out,
        title="tokens",
        persoonsgegevens=True,
    )


@tokens.command("intrekken")
def token_intrekken(
    token_id: Annotated[
        int, getal_optie("--id", domain=TOKENNUMMER, help="Id uit 'doorstroom token lijst'.")
    ],
) -> None:
    """Trek een token in; het werkt direct niet meer."""
    with open_store() as engine:
        info = service.trek_token_in(engine, operator(), token_id)
    _err.print(f"token {info.id} van {info.gebruikersnaam} ingetrokken")
