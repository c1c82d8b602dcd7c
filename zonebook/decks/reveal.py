"""The vendored reveal.js (zonebook/vendor/reveal) that the HTML decks load from a `reveal/` folder beside them."""

import shutil
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor" / "reveal"
VENDOR_FILES = ("reveal.js", "reveal.css", "reset.css", "theme/white.css", "plugin/notes/notes.js", "LICENSE")


def copy_reveal(out: Path) -> Path:
    """The vendored reveal.js beside the decks, as out/reveal/."""
    target = out / "reveal"
    for name in VENDOR_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(VENDOR / name, target / name)
    return target
