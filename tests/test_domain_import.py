"""The domain and the exports work without a terminal: no Textual imported.

Each module of patterns/ and exports/ and their packages (found on disk, so
new ones are covered)
is imported in its own fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for folder in ("patterns", "exports")
    for p in (ROOT / folder).rglob("*.py")
)


def test_the_domain_has_modules() -> None:
    assert "patterns.models" in MODULES and "exports.store.toml" in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_without_textual(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in ('textual', 'rich', 'tui') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"{module} pulls in {out.stdout.strip()}"
