"""publiccode.yml (standard 0.4, Dutch extension) against its schema and against the project itself.

The same check runs in CI with check-jsonschema (``.ci/run``); this test also catches a schema that
accepts anything and a publiccode.yml that tells another version or licence than the package.
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]


def _publiccode() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8")))


def _fouten(document: dict[str, Any]) -> list[str]:
    schema = json.loads((ROOT / "deploy" / "publiccode" / "schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return [fout.message for fout in Draft202012Validator(schema).iter_errors(document)]


def test_publiccode_yml_validates_and_matches_the_package() -> None:
    document = _publiccode()
    assert _fouten(document) == []
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert document["softwareVersion"] == project["version"]
    assert document["legal"]["license"] == project["license"]
    assert document["nl"]["commonground"]["installationType"] == "helm"
    assert (ROOT / "deploy" / "helm" / "doorstroom" / "Chart.yaml").exists()


@pytest.mark.parametrize(
    "breuk",
    [
        lambda d: d.pop("nl"),
        lambda d: d["nl"].update(countryExtensionVersion="2.0"),
        lambda d: d["nl"]["commonground"].update(layerType="laag"),
        lambda d: d.update(developmentStatus="klaar"),
        lambda d: d["description"]["nl"].update(shortDescription="x" * 151),
        lambda d: d["maintenance"].pop("contacts"),
        lambda d: d.update(onbekendVeld=1),
    ],
)
def test_the_schema_refuses_a_broken_publiccode_yml(breuk: Any) -> None:
    document = copy.deepcopy(_publiccode())
    breuk(document)
    assert _fouten(document) != []
