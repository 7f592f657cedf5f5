"""Draw the brand icon (a warm moon over a blanket fold) as PNG, without dependencies.

Run `python scripts/brand_icon.py` to rewrite custom_components/als_comfort/brand/icon.png
and icon@2x.png. Supersampled for smooth edges.
"""

from __future__ import annotations

import math
from pathlib import Path
import struct
import zlib

BRAND = (
    Path(__file__).resolve().parent.parent
    / "custom_components"
    / "als_comfort"
    / "brand"
)
BACKGROUND = (38, 70, 83)
MOON = (244, 162, 97)
BLANKET = (233, 196, 106)
SAMPLES = 4


def _colour_at(x: float, y: float) -> tuple[int, int, int, int]:
    """Return the RGBA colour of the design at unit-square point (x, y)."""
    corner = 0.18
    dx = max(abs(x - 0.5) - (0.5 - corner), 0.0)
    dy = max(abs(y - 0.5) - (0.5 - corner), 0.0)
    if math.hypot(dx, dy) > corner:
        return (0, 0, 0, 0)
    in_moon = (
        math.hypot(x - 0.5, y - 0.40) < 0.24 and math.hypot(x - 0.60, y - 0.33) > 0.21
    )
    if in_moon:
        return (*MOON, 255)
    wave = 0.70 + 0.035 * math.sin((x - 0.12) * 2 * math.pi * 1.5)
    if 0.12 < x < 0.88 and wave < y < wave + 0.11:
        return (*BLANKET, 255)
    return (*BACKGROUND, 255)


def render(size: int) -> bytes:
    """Render the icon at `size` pixels square as PNG bytes."""
    rows = bytearray()
    for row in range(size):
        rows.append(0)
        for column in range(size):
            total = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    colour = _colour_at(
                        (column + (sx + 0.5) / SAMPLES) / size,
                        (row + (sy + 0.5) / SAMPLES) / size,
                    )
                    for index in range(4):
                        total[index] += colour[index]
            rows.extend(value // (SAMPLES * SAMPLES) for value in total)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        _chunk(kind, data)
        for kind, data in (
            (b"IHDR", header),
            (b"IDAT", zlib.compress(bytes(rows), 9)),
            (b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """Frame one PNG chunk with its length and CRC."""
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


if __name__ == "__main__":
    BRAND.mkdir(parents=True, exist_ok=True)
    (BRAND / "icon.png").write_bytes(render(256))
    (BRAND / "icon@2x.png").write_bytes(render(512))
