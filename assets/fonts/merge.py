"""Builds assets/fonts/TaktlineSans.ttf: DejaVu Sans with the CJK glyphs of
Droid Sans Fallback (Apache 2.0) added, so chart text in Chinese, Japanese
or Korean draws. Run with Debian's python3-fonttools (packages fonts-dejavu-core and
fonts-droid-fallback give the two inputs):
    /usr/bin/python3 assets/fonts/merge.py \
        /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
        /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf \
        assets/fonts/TaktlineSans.ttf
"""
import os
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from fontTools.merge import Merger, Options

latin, cjk, out = sys.argv[1:4]
DROP = ["GSUB", "GPOS", "GDEF", "MATH", "kern", "FFTM", "fpgm", "prep", "cvt ", "gasp", "vhea", "vmtx", "hdmx", "LTSH", "VDMX"]

def clean(path, scaled_to=None, keep=()):
    f = TTFont(path)
    for t in DROP:
        if t in f and t not in keep:
            del f[t]
    if scaled_to and f["head"].unitsPerEm != scaled_to:
        scale_upem(f, scaled_to)
    # Strip instructions from every glyph: the hinting tables are dropped.
    for g in f["glyf"].glyphs.values():
        if hasattr(g, "program"):
            g.removeHinting()
    name = out + "." + path.rsplit("/", 1)[-1] + ".tmp"
    f.save(name)
    return name

# DejaVu keeps its kerning, so Latin text is laid out as before.
a = clean(latin, keep=("kern",))
b = clean(cjk, scaled_to=TTFont(latin)["head"].unitsPerEm)
kern = TTFont(a)["kern"]
merged = Merger(options=Options(drop_tables=DROP)).merge([a, b])
merged["kern"] = kern
os.remove(a)
os.remove(b)
# A modified font may not keep the Bitstream Vera / DejaVu names.
for rec in merged["name"].names:
    if rec.nameID in (1, 3, 4, 6, 16):
        text = {1: "Taktline Sans", 3: "Taktline Sans", 4: "Taktline Sans", 6: "TaktlineSans", 16: "Taktline Sans"}[rec.nameID]
        rec.string = text
# Line metrics stay DejaVu's, so Latin text sits where it always did.
ref = TTFont(latin)
for table, fields in {
    "hhea": ["ascent", "descent", "lineGap"],
    "OS/2": ["sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"],
}.items():
    for field in fields:
        setattr(merged[table], field, getattr(ref[table], field))
merged.save(out)
