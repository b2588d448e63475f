"""The practice's settings (config.toml): where they live, what a bad file
says, `attachmap config`, and what they change: the PDF's paper and footer,
the export's audience, the idle lock, the theme."""

from __future__ import annotations

import stat
from pathlib import Path

import pypdf
import pytest
from tests.support.pilot import pilot_test, screen_text, wait_for

from exports.settings import (
    Settings,
    SettingsError,
    load_settings,
    save_setting,
    settings_in_force,
    settings_path,
)
from tui.app import AttachmapApp
from tui.cli import main
from tui.idle_lock import idle_seconds
from tui.review.app import ReviewApp


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


PRACTICE = """\
# Our practice
therapist = "Ana Example"
practice = "Riverside Couples Therapy"
paper = "Letter"
idle_lock_minutes = 10
theme = "attachmap-light"
audience = "client"
"""


# -- where and what --------------------------------------------------------------


def test_the_file_is_under_xdg_config_home_or_dot_config(tmp_path: Path) -> None:
    assert settings_path({"XDG_CONFIG_HOME": str(tmp_path)}) == (
        tmp_path / "attachmap" / "config.toml")
    home = Path.home() / ".config" / "attachmap" / "config.toml"
    assert settings_path({}) == home
    assert settings_path({"XDG_CONFIG_HOME": "relative/dir"}) == home  # the XDG rule


def test_no_file_means_every_default(own_settings: Path) -> None:
    assert not own_settings.exists()
    assert load_settings() == Settings()
    s = Settings()
    assert (s.therapist, s.practice, s.paper, s.idle_lock_minutes, s.theme, s.audience) == (
        None, None, "a4", 5, None, "client")


def test_a_practice_file_is_read(own_settings: Path) -> None:
    write(own_settings, PRACTICE)
    s = load_settings()
    assert (s.therapist, s.practice, s.paper, s.idle_lock_minutes, s.theme, s.audience) == (
        "Ana Example", "Riverside Couples Therapy", "letter", 10, "attachmap-light", "client")
    assert s.signature() == "Ana Example · Riverside Couples Therapy"
    assert Settings(practice="Riverside").signature() == "Riverside"
    assert Settings().signature() is None


BAD = [
    ('paper = "A5"', "paper: expected \"a4\" or \"letter\", got 'A5'"),
    ("idle_lock_minutes = -1", "idle_lock_minutes: expected a number of minutes from 0 to 1440"),
    ('idle_lock_minutes = "5"', "idle_lock_minutes: expected a number of minutes"),
    ('audience = "everyone"', 'audience: expected "client" or "therapist", got \'everyone\''),
    ('therapist = ""', "therapist: expected a name in quotes, 1 to 100 characters, got ''"),
    ("therapist = 42", "therapist: expected a name in quotes"),
    ('colour = "blue"', "colour: expected one of the settings therapist, practice, paper,"
                        " idle_lock_minutes, theme, audience; `colour` is not a setting"),
    ('paper = "a4', "line 1, column 12: expected valid TOML"),
    ("idle_lock = 5", "`idle_lock` is not a setting attachmap knows (did you mean"
                      " `idle_lock_minutes`?)"),
]


@pytest.mark.parametrize(("text", "says"), BAD)
def test_a_bad_file_is_one_line_naming_the_key_and_exit_1(
    capsys: pytest.CaptureFixture[str], own_settings: Path, text: str, says: str
) -> None:
    write(own_settings, f"{text}\npractice = \"Riverside\"\n")
    code, out, err = run(capsys, "config")
    assert code == 1 and out == ""
    assert err.startswith(f"attachmap: {own_settings}: ")
    assert says in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_bad_file_stops_an_export_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], own_settings: Path, chase_path: Path, tmp_path: Path
) -> None:
    write(own_settings, 'paper = "A5"\n')
    code, _, err = run(capsys, "export", str(chase_path), "-f", "pdf", "-o",
                       str(tmp_path / "x.pdf"))
    assert code == 1 and "paper: expected" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_folder_or_unreadable_file_is_said_plainly(own_settings: Path) -> None:
    own_settings.mkdir(parents=True)
    with pytest.raises(SettingsError, match="a settings file, but this is a folder"):
        load_settings()


# -- attachmap config ---------------------------------------------------------------


def test_config_prints_the_settings_in_force_and_the_file(
    capsys: pytest.CaptureFixture[str], own_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ATTACHMAP_IDLE_LOCK_MINUTES", raising=False)
    code, out, err = run(capsys, "config")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == (f"# attachmap settings, from {own_settings}"
                                   " (no file yet: the defaults)")
    assert 'paper = "a4"' in out and "# default" in out
    write(own_settings, PRACTICE)
    monkeypatch.setenv("ATTACHMAP_IDLE_LOCK_MINUTES", "2")
    code, out, _ = run(capsys, "config")
    lines = {line.split(" = ")[0]: line for line in out.splitlines()[1:]}
    assert out.splitlines()[0] == f"# attachmap settings, from {own_settings}"
    assert lines["therapist"].startswith('therapist = "Ana Example"')
    assert lines["therapist"].endswith("# from the file")
    assert lines["paper"].startswith('paper = "letter"')
    assert lines["idle_lock_minutes"].startswith("idle_lock_minutes = 2 ")
    assert lines["idle_lock_minutes"].endswith("# from ATTACHMAP_IDLE_LOCK_MINUTES")
    assert lines["theme"].startswith('theme = "attachmap-light"')
    code, out, _ = run(capsys, "config", "--path")
    assert (code, out) == (0, f"{own_settings}\n")


def test_config_output_is_itself_a_valid_settings_file(
    capsys: pytest.CaptureFixture[str], own_settings: Path, tmp_path: Path
) -> None:
    write(own_settings, PRACTICE)
    _, out, _ = run(capsys, "config")
    copy = write(tmp_path / "copy.toml", out)
    assert load_settings(copy) == load_settings()


def test_config_names_a_theme_that_is_not_there(
    capsys: pytest.CaptureFixture[str], own_settings: Path
) -> None:
    write(own_settings, 'theme = "no-such-theme"\n')
    code, _, err = run(capsys, "config")
    assert code == 0 and "there is no theme 'no-such-theme'" in err
    assert "attachmap-light" in err


def test_control_characters_in_a_name_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], own_settings: Path
) -> None:
    write(own_settings, 'therapist = "Ana\\u001b[2J Example"\n')
    _, out, _ = run(capsys, "config")
    assert "\x1b" not in out and 'therapist = "Ana\\u001b[2J Example"' in out


# -- the idle lock ---------------------------------------------------------------


def test_the_idle_lock_minutes_come_from_the_file_and_the_environment_overrides(
    own_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(own_settings, "idle_lock_minutes = 10\n")
    monkeypatch.delenv("ATTACHMAP_IDLE_LOCK_MINUTES", raising=False)
    assert idle_seconds(settings=settings_in_force().settings) == 600
    monkeypatch.setenv("ATTACHMAP_IDLE_LOCK_MINUTES", "0")
    assert idle_seconds(settings=settings_in_force().settings) is None
    assert settings_in_force().sources["idle_lock_minutes"] == "ATTACHMAP_IDLE_LOCK_MINUTES"
    write(own_settings, "idle_lock_minutes = 0\n")
    monkeypatch.delenv("ATTACHMAP_IDLE_LOCK_MINUTES")
    assert idle_seconds(settings=load_settings()) is None


def test_the_session_takes_its_idle_lock_from_the_settings(
    own_settings: Path, chase_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ATTACHMAP_IDLE_LOCK_MINUTES", raising=False)
    write(own_settings, "idle_lock_minutes = 3\n")
    assert AttachmapApp(chase_path).idle_after == 180
    write(own_settings, "idle_lock_minutes = 0\n")
    assert AttachmapApp(chase_path).idle_after is None


# -- exports ----------------------------------------------------------------------


def test_the_pdf_carries_the_therapist_and_practice_and_the_papers_size(
    capsys: pytest.CaptureFixture[str], own_settings: Path, chase_path: Path, tmp_path: Path
) -> None:
    write(own_settings, PRACTICE)
    out = tmp_path / "take-home.pdf"
    code, _, err = run(capsys, "export", str(chase_path), "-f", "pdf", "-o", str(out))
    assert code == 0, err
    reader = pypdf.PdfReader(out)
    for page in reader.pages:
        assert "Ana Example · Riverside Couples Therapy" in page.extract_text()
    story = reader.pages[-1].mediabox
    assert (round(float(story.width)), round(float(story.height))) == (612, 792)  # Letter
    # The metadata still names nobody.
    assert "Ana" not in str(reader.metadata) and "Zoë" not in str(reader.metadata)
    # Asked on the command line, the paper is the one asked for.
    code, _, _ = run(capsys, "export", str(chase_path), "-f", "pdf", "-o", str(out),
                     "--paper", "a4")
    page = pypdf.PdfReader(out).pages[-1].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (595, 842)


def test_without_settings_the_pdf_names_no_one_at_its_foot(
    capsys: pytest.CaptureFixture[str], chase_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "take-home.pdf"
    run(capsys, "export", str(chase_path), "-f", "pdf", "-o", str(out))
    last = pypdf.PdfReader(out).pages[-1].extract_text()
    assert "·" not in last.splitlines()[-1]


def test_the_default_audience_comes_from_the_settings(
    capsys: pytest.CaptureFixture[str], own_settings: Path, chase_path: Path
) -> None:
    write(own_settings, 'audience = "therapist"\n')
    code, _, err = run(capsys, "export", str(chase_path), "-f", "md")
    written = chase_path.with_name("chase-therapist.md")
    assert code == 0 and "for the therapist" in err
    assert "2019 separation" in written.read_text("utf-8")
    code, _, err = run(capsys, "export", str(chase_path), "-f", "md", "--audience", "client")
    assert "2019 separation" not in chase_path.with_name("chase-client.md").read_text("utf-8")


# -- writing one setting ------------------------------------------------------------


def test_saving_a_setting_keeps_the_rest_and_is_owner_only(own_settings: Path) -> None:
    write(own_settings, PRACTICE.replace('theme = "attachmap-light"\n', ""))
    save_setting("theme", "nord")
    text = own_settings.read_text("utf-8")
    assert text == PRACTICE.replace('theme = "attachmap-light"\n', "") + 'theme = "nord"\n'
    save_setting("theme", "attachmap-light")
    assert own_settings.read_text("utf-8").count("theme =") == 1
    assert "# Our practice" in own_settings.read_text("utf-8")
    assert stat.S_IMODE(own_settings.stat().st_mode) == 0o600
    assert load_settings().theme == "attachmap-light"


def test_saving_makes_the_folder_and_never_rewrites_a_bad_file(own_settings: Path) -> None:
    save_setting("paper", "letter")
    assert own_settings.read_text("utf-8") == 'paper = "letter"\n'
    write(own_settings, 'paper = "A5"\n')
    with pytest.raises(SettingsError):
        save_setting("theme", "nord")
    assert own_settings.read_text("utf-8") == 'paper = "A5"\n'
    with pytest.raises(SettingsError):
        save_setting("paper", "a3")
