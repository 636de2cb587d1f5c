"""Make the Chinese (simplified) and Japanese handout fonts once: Noto Sans CJK (Debian
`fonts-noto-cjk`, an OpenType collection with CID-keyed CFF outlines, which MuPDF and
pdf.js draw blank once embedded) converted to TrueType (quadratic `glyf`) outlines with
fontTools' cu2qu and subset to the characters parent letters use: ASCII, punctuation,
kana, and the common Han characters (GB2312 level 1 for Chinese, JIS X 0208 level 1 for
Japanese). Usage:

    python scripts/make_cjk_fonts.py /usr/share/fonts/opentype/noto fonts/

Noto Sans CJK is SIL OFL 1.1 without a Reserved Font Name: subsetting and converting are
allowed; the files keep the font's copyright and licence (fonts/LICENSE-NotoSansCJK.txt).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

# Face names inside NotoSansCJK-*.ttc, and the file written for each.
FACES = {"zh": ("Noto Sans CJK SC", "NotoSansSC"), "ja": ("Noto Sans CJK JP", "NotoSansJP")}
WEIGHTS = ("Regular",)  # bold CJK text uses the same file: half the size in the repository


def _rows(codec: str, first: int, last: int) -> set[int]:
    out = set()
    for hi in range(first, last + 1):
        for lo in range(0xA1, 0xFF):
            try:
                out.update(map(ord, bytes([hi, lo]).decode(codec)))
            except UnicodeDecodeError:
                pass
    return out


def charset(lang: str) -> set[int]:
    chars = set(range(0x20, 0x7F)) | set(range(0x3000, 0x3040))  # ASCII, CJK punctuation
    chars |= set(range(0xFF01, 0xFF5F)) | {0x00B7, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                                           0x2026, 0x2027, 0x00D7, 0x2192, 0x25CB, 0x25CF}
    if lang == "zh":
        chars |= _rows("gb2312", 0xA1, 0xA9) | _rows("gb2312", 0xB0, 0xD7)  # symbols, level 1
    else:
        chars |= set(range(0x3040, 0x3100)) | set(range(0x31F0, 0x3200))  # kana
        chars |= _rows("euc_jp", 0xA1, 0xA8) | _rows("euc_jp", 0xB0, 0xCF)  # symbols, level 1
        chars |= set(map(ord, "々〆ヶ"))
    return chars


def to_truetype(font) -> None:
    """CFF -> glyf in place (fontTools' Snippets/otf2ttf.py, max error 1 unit)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = newTable("maxp")
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["maxp"].numGlyphs = len(order)
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def main(src: Path, out: Path) -> None:
    for weight in WEIGHTS:
        coll = TTCollection(str(src / f"NotoSansCJK-{weight}.ttc"))
        for lang, (face, stem) in FACES.items():
            font = next(f for f in coll.fonts if f["name"].getDebugName(1) == face)
            opts = subset.Options()
            opts.name_IDs = ["*"]
            opts.name_languages = ["*"]
            opts.notdef_outline = True
            opts.hinting = False
            opts.desubroutinize = True
            sub = subset.Subsetter(opts)
            sub.populate(unicodes=charset(lang))
            sub.subset(font)
            to_truetype(font)
            path = out / f"{stem}-{weight}.ttf"
            font.recalcTimestamp = False  # the same input makes the same file (SHA256SUMS)
            font.save(str(path))
            print(path, path.stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
