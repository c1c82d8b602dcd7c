"""A build never deletes a user's files, never loses the published book, and fails with one clear line.

Real processes, real signals, and real filesystems: a tmpfs mounted for the test stands for a container
volume (a mount point), a read-only disk and a full one. Tests that need to mount skip where they cannot.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from zonebook.build.inputs import tree_digest
from zonebook.build.paths import SLIDES_MARKER, BuildPaths
from zonebook.build.publish import damage

pytestmark = pytest.mark.slow  # builds books


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zonebook", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def build(data: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run("build", "--data", str(data), "--out", str(out), "--jobs", "2", env=env)


def start_build(data: Path, out: Path, pause_at: str, seconds: float = 60) -> subprocess.Popen:
    """A build that stops at the named checkpoint (see publish.checkpoint); returns once it is there."""
    env = {**os.environ, "ZONEBOOK_PAUSE_AT": pause_at, "ZONEBOOK_PAUSE_SECONDS": str(seconds)}
    process = subprocess.Popen(
        [sys.executable, "-m", "zonebook", "build", "--data", str(data), "--out", str(out), "--jobs", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in process.stderr:
        if line.strip() == f"paused at {pause_at}":
            return process
    process.wait()
    raise AssertionError(f"the build never reached {pause_at}: {process.stdout.read()}")


def one_clear_line(stderr: str) -> bool:
    return "Traceback" not in stderr and 0 < len([line for line in stderr.splitlines() if line.strip()]) <= 3


def intact(out: Path) -> bool:
    """`out` holds a whole published book: every file of its manifest there and unchanged."""
    paths = BuildPaths.for_output(out)
    return (paths.book / "index.html").is_file() and damage(paths) == ""


def edit(data: Path) -> None:
    path = data / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert "290," in text
    path.write_text(text.replace("290,", "291,", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def first_book(tmp_path_factory) -> Path:
    """The minimal data and the book a first build published from it (with its work folder), built once: each test
    starts from a copy of it, as a user's folder is after one build."""
    root = tmp_path_factory.mktemp("first-book")
    shutil.copytree(FIXTURES / "minimal", root / "data")
    result = build(root / "data", root / "_build" / "html")
    assert result.returncode == 0, result.stderr
    return root


def copy_of(first_book: Path, folder: Path, out: Path | None = None) -> tuple[Path, Path]:
    """The data and the published book (`out`, else folder/_build/html), copied with the book's work folder."""
    out = out or folder / "_build" / "html"
    shutil.copytree(first_book / "data", folder / "data", dirs_exist_ok=True)
    built = first_book / "_build"
    shutil.copytree(built / "html", out, symlinks=True)
    shutil.copytree(built / ".html.zonebook", out.parent / f".{out.name}.zonebook", symlinks=True)
    assert intact(out)
    return folder / "data", out


@pytest.fixture
def published(tmp_path, first_book):
    return copy_of(first_book, tmp_path)


# --- 1. --out is the book's folder and nothing else --------------------------------------------


def user_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "thesis.docx").write_text("a year of work", encoding="utf-8")
    (folder / "notes").mkdir(exist_ok=True)
    (folder / "notes" / "a.txt").write_text("keep me", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "where",
    [
        "the data folder",
        "the data folder's parent",
        "a folder of user files",
        "a file",
        "inside the data folder",
        "the project root",
    ],
)
def test_an_output_that_is_not_a_book_is_refused_and_untouched(tmp_path, where):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "README.md").write_text("# my notes\n", encoding="utf-8")
    out = {
        "the data folder": data,
        "the data folder's parent": tmp_path,
        "inside the data folder": data / "site",
        "a folder of user files": user_folder(tmp_path / "mine"),
        "a file": tmp_path / "report.pdf",
        "the project root": ROOT,
    }[where]
    if where == "a file":
        out.write_bytes(b"%PDF-1.7 the user's own file")
    watched = out if where != "the project root" else data
    before = tree_digest(watched.parent if watched.is_file() else watched)
    result = build(data, out)
    assert result.returncode == 2, result.stdout + result.stderr
    assert str(out) in result.stderr and one_clear_line(result.stderr), result.stderr
    assert "notebooks:" not in result.stdout
    assert tree_digest(watched.parent if watched.is_file() else watched) == before
    assert not (out.parent / f".{out.name}.zonebook").exists()


def test_an_empty_folder_and_a_published_book_are_valid_outputs(tmp_path, published):
    data, out = published
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(data, empty).returncode == 0 and intact(empty)
    edit(data)
    assert build(data, out).returncode == 0 and intact(out)  # a book it published


def test_two_outputs_built_at_once_share_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    first, second = (
        subprocess.Popen(
            [sys.executable, "-m", "zonebook", "build", "--data", str(data), "--out", str(tmp_path / "P" / name)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    )
    for process in (first, second):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    assert intact(tmp_path / "P" / "a") and intact(tmp_path / "P" / "b")
    assert sorted(p.name for p in (tmp_path / "P").iterdir()) == [".a.zonebook", ".b.zonebook", "a", "b"]


@contextmanager
def tmpfs(mount_point: Path, size: str = "64m"):
    mount_point.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_an_output_that_is_a_mount_point_is_published_through_current(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    with tmpfs(tmp_path / "volume", size="160m") as volume:  # two books at once: the published one and the next
        result = build(data, volume)
        assert result.returncode == 0, result.stderr
        assert (volume / "current").is_symlink() and intact(volume)
        assert "current/index.html" in (volume / "index.html").read_text(encoding="utf-8")
        edit(data)
        result = build(data, volume)
        assert result.returncode == 0, result.stderr
        assert intact(volume) and "291" in (volume / "current" / "data" / "observations.csv").read_text(
            encoding="utf-8"
        )
        assert len(list((volume / ".zonebook" / "books").iterdir())) == 1  # the old book was removed


# --- 3. the published book survives any interruption -------------------------------------------


@pytest.mark.parametrize(
    "step, sig",
    [
        ("after-notebooks", signal.SIGKILL),
        ("before-publish", signal.SIGKILL),
        ("before-swap", signal.SIGKILL),
        ("after-swap", signal.SIGKILL),
        ("before-swap", signal.SIGINT),
        ("after-swap", signal.SIGINT),
    ],
)
def test_a_build_killed_at_any_step_leaves_a_whole_book(published, step, sig):
    data, out = published
    old = (out / "data" / "observations.csv").read_text(encoding="utf-8")
    edit(data)
    process = start_build(data, out, step)
    process.send_signal(sig)
    process.wait(timeout=120)
    assert process.returncode != 0
    assert intact(out)
    now = (out / "data" / "observations.csv").read_text(encoding="utf-8")
    assert now == (data / "observations.csv").read_text(encoding="utf-8") if step == "after-swap" else now == old
    again = build(data, out)  # and the next build carries on, knowing the old book
    assert again.returncode == 0, again.stderr
    assert intact(out) and "first build" not in (out / "chapters" / "changes.html").read_text(encoding="utf-8")


def test_a_refused_second_build_leaves_the_running_one_alone(published):
    data, out = published
    edit(data)
    first = start_build(data, out, "after-notebooks", seconds=3)
    second = build(data, out)
    assert second.returncode == 1 and "another build" in second.stderr and one_clear_line(second.stderr)
    first.wait(timeout=300)
    assert first.returncode == 0, first.stderr.read()
    assert intact(out) and "291" in (out / "data" / "observations.csv").read_text(encoding="utf-8")


def test_a_damaged_book_is_rebuilt_not_called_up_to_date(published):
    data, out = published
    (out / "chapters" / "sources.html").unlink()
    shutil.rmtree(out / "slides")
    assert not intact(out)
    result = build(data, out)
    assert result.returncode == 0, result.stderr
    assert "up to date" not in result.stdout
    assert (out / "chapters" / "sources.html").is_file() and any((out / "slides").glob("*.pptx")) and intact(out)
    again = build(data, out)
    assert "nothing changed" in again.stdout  # and once repaired, it is up to date again


# --- environment faults: one clear line, the book intact ----------------------------------------


def test_a_read_only_output_fails_with_one_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    with tmpfs(tmp_path / "disk") as disk:
        out = disk / "html"
        assert build(data, out).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        edit(data)
        result = build(data, out)
        assert result.returncode != 0 and one_clear_line(result.stderr), result.stderr
        assert "Read-only" in result.stderr and intact(out)


@pytest.mark.parametrize("free_mb", [0, 1, 3, 6, 10])
def test_a_full_disk_at_any_fill_level_keeps_the_book(tmp_path, free_mb, first_book):
    with tmpfs(tmp_path / "disk", size="96m") as disk:
        data, out = copy_of(first_book, tmp_path, disk / "html")
        left = shutil.disk_usage(disk).free - free_mb * 2**20
        with open(disk / "filler", "wb") as filler:  # the user's other files fill the disk
            while left > 0:
                left -= filler.write(b"\0" * min(left, 2**20))
        edit(data)
        result = build(data, out)
        assert result.returncode in (0, 1) and (result.returncode == 1 or free_mb > 0)
        if result.returncode:
            assert one_clear_line(result.stderr) or "build failed" in result.stderr, result.stderr
            assert "Traceback" not in result.stderr
        assert intact(out)


def test_slides_into_a_file_are_refused(tmp_path):
    target = tmp_path / "talk.pptx"
    target.write_bytes(b"the presenter's own deck")
    result = run("slides", "--data", str(FIXTURES / "minimal"), "--out", str(target))
    assert result.returncode == 2 and one_clear_line(result.stderr) and str(target) in result.stderr
    assert target.read_bytes() == b"the presenter's own deck"


def test_slides_again_removes_only_what_it_wrote_for_decks_the_data_no_longer_has(tmp_path):
    # a presenter's folder after the data drops the Chinese edition: the old Chinese decks would be taken to a room
    data, out = tmp_path / "data", tmp_path / "talks"
    shutil.copytree(FIXTURES / "minimal", data)
    assert run("slides", "--data", str(data), "--out", str(out)).returncode == 0
    english, chinese = sorted(out.glob("*.pptx")), sorted((out / "zh").glob("*.pptx"))
    assert english and len(chinese) == len(english)
    edited = chinese[-1]
    edited.write_bytes(edited.read_bytes() + b"the presenter's edit")
    (out / "zh" / "notes.txt").write_text("the presenter's own file", encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not the tool's", encoding="utf-8")
    marker = out / SLIDES_MARKER
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()
    marker.write_text(marker.read_text(encoding="utf-8") + f"{digest}  ../elsewhere.txt\n", encoding="utf-8")
    with open(data / "book.yml", "a", encoding="utf-8") as book:
        book.write("\neditions: [en]\n")

    result = run("slides", "--data", str(data), "--out", str(out))

    assert result.returncode == 0, result.stderr
    left = sorted(p.relative_to(out / "zh").as_posix() for p in (out / "zh").rglob("*") if p.is_file())
    assert left == sorted([edited.name, "notes.txt"])  # the other decks and reveal.js went, with their folders
    assert str(edited) in result.stdout and "changed since" in result.stdout
    assert sorted(out.glob("*.pptx")) == english and (out / "reveal" / "reveal.js").is_file()
    assert outside.read_text(encoding="utf-8") == "not the tool's"
    assert "zh/" not in marker.read_text(encoding="utf-8")  # it lists what this run wrote


def test_an_unreadable_data_file_is_one_line(tmp_path):
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to run the check as another user")
    folder = Path(tmp_path.anchor) / "tmp" / f"zonebook-unreadable-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FIXTURES / "minimal", folder)
    try:
        os.chmod(folder, 0o755)
        os.chmod(folder / "observations.csv", 0)
        result = subprocess.run(
            [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                sys.executable,
                "-m",
                "zonebook",
                "check",
                "--data",
                str(folder),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HOME": "/tmp"},
        )
        assert result.returncode == 1 and "observations.csv" in result.stderr and "Traceback" not in result.stderr, (
            result.stderr
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_cache_deleted_during_a_build(published):
    data, out = published
    edit(data)
    process = start_build(data, out, "after-notebooks", seconds=2)
    shutil.rmtree(BuildPaths.for_output(out).cache)
    _, err = process.communicate(timeout=300)
    assert process.returncode in (0, 1) and "Traceback" not in err, err
    assert intact(out)
    assert build(data, out).returncode == 0 and intact(out)


def test_a_deck_that_cannot_be_drawn_is_one_line_with_the_traceback_kept(tmp_path):
    """A kernel's error while drawing the decks (a full disk, say) reaches the user as one line; its traceback is
    kept in the work folder, never printed."""
    from zonebook.build.kernels import KernelError
    from zonebook.build.pipeline import BuildFailed, Decks

    decks = Decks.__new__(Decks)
    decks.threads, decks.partials, decks.errors = (
        [],
        {},
        [KernelError("OSError: [Errno 28] No space left on device\nTraceback (most recent call last):\n  ...")],
    )
    with pytest.raises(BuildFailed) as failed:
        decks.publish(tmp_path / "slides", tmp_path / "failed")
    message = str(failed.value)
    assert "No space left on device" in message and "Traceback" not in message
    assert "Traceback" in (tmp_path / "failed" / "decks.log").read_text(encoding="utf-8")


def test_data_saved_during_a_build_is_the_next_builds_and_never_cached_as_this_ones(published):
    """The build reads the data once: the figure the book prints, the data it publishes and the digest its caches are
    keyed on all come from one reading. Here 2024's 299 is saved as 301 while the build is on its way: the book shows
    299 throughout; the next build shows 301; and with 299 saved back, 299 again (a cache keyed on the 299 data
    holding what the kernels computed from 301 would show 301 here)."""
    data, out = published
    path = data / "observations.csv"
    original = path.read_text(encoding="utf-8")
    edited = original.replace("good-air-days,2024,299,", "good-air-days,2024,301,")
    assert edited != original
    process = start_build(data, out, "after-load", seconds=2)
    path.write_text(edited, encoding="utf-8")
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err

    def shown() -> tuple[str, str]:
        page = (out / "chapters" / "zones" / "02-ecology.html").read_text(encoding="utf-8")
        published_data = (out / "data" / "observations.csv").read_text(encoding="utf-8")
        return ("301" if "301" in page else "299"), ("301" if "2024,301," in published_data else "299")

    assert shown() == ("299", "299")
    assert build(data, out).returncode == 0 and shown() == ("301", "301")
    path.write_text(original, encoding="utf-8")
    assert build(data, out).returncode == 0 and shown() == ("299", "299")
