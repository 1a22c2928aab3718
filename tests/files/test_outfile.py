"""Writing a user's output file: through links, never over special files, whole or not at all."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from doorstroom.files.outfile import atomic_write, check_dir_target, check_file_target
from doorstroom.platform.errors import InputError


def _write(path: Path | str, text: str = "nieuw") -> None:
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "echt.csv"
    target.write_text("oud")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    _write(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "nieuw"


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "nog-niet.csv")
    _write(link)
    assert link.is_symlink() and (tmp_path / "nog-niet.csv").read_text() == "nieuw"


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(InputError):
        _write(tmp_path / "a")


def test_a_fifo_is_refused_without_blocking_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.csv"
    os.mkfifo(fifo)
    done = threading.Event()

    def attempt() -> None:
        with pytest.raises(InputError, match="pijp"):
            _write(fifo)
        done.set()

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done.is_set(), "writing to a FIFO blocked"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_is_refused_even_for_root() -> None:
    with pytest.raises(InputError, match="apparaat"):
        _write("/dev/null")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "uit.csv"
    link.symlink_to("/dev/null")
    with pytest.raises(InputError, match="apparaat"):
        _write(link)
    assert link.is_symlink()


@pytest.mark.parametrize(("name", "fragment"), [("", "geen bestandsnaam"), (".", "is een map")])
def test_empty_names_and_directories_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=fragment):
        check_file_target(name, "--out")


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bestaat niet") as raised:
        _write(tmp_path / "weg" / "uit.csv")
    assert raised.value.problems[0].file == str(tmp_path / "weg" / "uit.csv")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere; the sysfs case covers root")
def test_an_unwritable_directory_is_refused_before_writing(tmp_path: Path) -> None:
    locked = tmp_path / "dicht"
    locked.mkdir(mode=0o500)
    with pytest.raises(InputError, match="schrijfrechten"):
        check_file_target(locked / "uit.csv")


def test_a_place_the_system_refuses_is_an_input_error() -> None:
    """sysfs accepts no new files, not even from root: the OS error becomes a Dutch message."""
    place = Path("/sys/kernel")
    if not place.is_dir():
        pytest.skip("no sysfs on this machine")
    with pytest.raises(InputError, match=r"kan niet schrijven|schrijfrechten"):
        _write(place / "doorstroom-test.csv")


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "prive.csv"
    target.write_text("oud")
    target.chmod(0o600)
    _write(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() == "nieuw"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "uit.csv"
    target.write_text("oud\n")
    with pytest.raises(RuntimeError), atomic_write(target, "w") as handle:
        handle.write("half")
        raise RuntimeError("stroomstoring")
    assert target.read_text() == "oud\n" and list(tmp_path.iterdir()) == [target]


def test_a_directory_target_may_be_new_but_not_a_file(tmp_path: Path) -> None:
    assert check_dir_target(tmp_path / "nieuw" / "dieper") == tmp_path / "nieuw" / "dieper"
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(InputError, match="geen map"):
        check_dir_target(tmp_path / "bestand", "--out")


def test_a_private_file_is_0600_new_or_replaced_whatever_the_umask(tmp_path: Path) -> None:
    vorige = os.umask(0o022)
    try:
        nieuw, oud = tmp_path / "nieuw.csv", tmp_path / "oud.csv"
        oud.write_text("oud")
        oud.chmod(0o644)
        for target in (nieuw, oud):
            with atomic_write(target, "w", prive=True) as handle:
                handle.write("persoonsgegevens")
            assert stat.S_IMODE(target.stat().st_mode) == 0o600
    finally:
        os.umask(vorige)
