"""Regenerate the typed Python client (clients/python) from the API's OpenAPI document.

    .venv/bin/python scripts/generate_client.py

openapi-python-client writes the client; clients/openapi.json keeps the document it was made
from, and tests/api/test_api_guide.py fails when the API changed and the client was not made
again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "clients"


def document() -> dict:
    sys.path.insert(0, str(ROOT))
    from api.main import create_app

    return create_app().openapi()


def main() -> None:
    (CLIENTS / "openapi.json").write_text(json.dumps(document(), indent=1, sort_keys=True) + "\n")
    shutil.rmtree(CLIENTS / "python", ignore_errors=True)
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "openapi-python-client"), "generate", "--path", "openapi.json",
         "--config", "config.yml", "--meta", "setup"],
        cwd=CLIENTS, check=True,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
    )


if __name__ == "__main__":
    main()
