"""Reading forms: a form's fields into one of the services' Pydantic models, and uploaded files into
a private temporary file for the import services (removed afterwards)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile

from doorstroom.platform.errors import InputError, Problem
from doorstroom.values import validatie

M = TypeVar("M", bound=BaseModel)
TOEGESTAAN = (".csv", ".xlsx", ".txt")


def model(soort: type[M], velden: Mapping[str, Any]) -> M:
    """``velden`` validated as ``soort``; an InputError naming every field that is wrong."""
    try:
        return soort.model_validate(dict(velden))
    except ValidationError as error:
        fouten = error.errors()
        raise InputError([Problem(validatie.reden(e), field=validatie.veld(e)) for e in fouten]) from None


@contextmanager
def upload(bestand: Any, veld: str) -> Iterator[Path]:
    """An uploaded CSV/XLSX as a private temporary file with its own name (errors name that file)."""
    if not isinstance(bestand, UploadFile) or not bestand.filename:
        raise InputError(Problem("kies een bestand", field=veld))
    naam = Path(bestand.filename).name
    if not naam.lower().endswith(TOEGESTAAN):
        raise InputError(Problem("alleen CSV- of XLSX-bestanden", field=veld))
    with tempfile.TemporaryDirectory(prefix="doorstroom-upload-") as map_:
        os.chmod(map_, 0o700)
        pad = Path(map_) / naam
        with pad.open("wb") as uit:
            while blok := bestand.file.read(1 << 20):
                uit.write(blok)
        yield pad


def bewaar_upload(bestand: Any, veld: str, map_: Path) -> Path:
    """An uploaded CSV/XLSX copied into ``map_`` (for work that runs after the request ends)."""
    with upload(bestand, veld) as pad:
        doel = map_ / pad.name
        doel.write_bytes(pad.read_bytes())
        return doel
