"""The house PDF's fonts (``eoffice.io.pdf``): each script from its own shipped font, read only
when a page needs it; shaping only for the text that needs it; a character no font has refused
with the field it is in, never printed as a blank."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from eoffice import paths
from eoffice.errors import InputError
from eoffice.io.pdf import FALLBACKS, Column, Document, UnprintableText

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
FONTS = paths.resource("fonts")


def document() -> Document:
    pdf = Document("Door list", "St Zoë's Academy")
    pdf.add_page()
    return pdf


def test_every_font_shipped_has_its_licence_beside_it() -> None:
    licences = {"DejaVuSans": "DejaVu-LICENSE.txt", "NotoSans": "Noto-LICENSE.txt",
                "NanumGothicCoding": "Nanum-LICENSE.txt", "DroidSansFallback": "DroidSansFallback-LICENSE.txt"}
    files = {f.regular for f in FALLBACKS} | {f.bold for f in FALLBACKS if f.bold}
    assert files <= {p.name for p in FONTS.glob("*.ttf")}
    for font in FONTS.glob("*.ttf"):
        licence = next(name for prefix, name in licences.items() if font.name.startswith(prefix))
        assert (FONTS / licence).is_file(), font.name
    patterns = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    assert patterns["share/eoffice/resources/fonts"] == ["resources/fonts/*.ttf", "resources/fonts/*.txt"]


def test_a_page_in_latin_greek_and_cyrillic_reads_no_other_font() -> None:
    """DejaVu has them; the other scripts' fonts (Droid's Chinese alone takes a sixth of a
    second to read) are read only by a page that needs them."""
    with document() as pdf:
        pdf.table_rows([Column("Name")], [["Zoë Brontë-Ndiaye"], ["Ελένη Παπαδοπούλου"], ["Дмитрий Иванов"]])
        assert set(pdf.fonts) == {"dejavu", "dejavuB", "dejavuI"}
        pdf.cell(40, 5, "محمد")
        assert set(pdf.fonts) == {"dejavu", "dejavuB", "dejavuI", "notosansarabic", "notosansarabicB"}


def test_shaped_text_is_measured_as_printed() -> None:
    """Joined Arabic is not as wide as its letters apart: it is measured shaped, so a name cut
    to fit a column is cut where it really ends."""
    with document() as pdf:
        for name in ("محمد حداد", "प्रिया शर्मा", "李雷"):
            pdf.set_x(pdf.l_margin)
            pdf.cell(None, 5, name)  # fpdf2 makes the cell as wide as the text it prints
            assert pdf.get_x() - pdf.l_margin == pytest.approx(pdf.measure(name) + 2 * pdf.c_margin), name
        assert pdf.measure("محمد") != pytest.approx(sum(pdf.measure(letter) for letter in "محمد"))
        cut = pdf.fit("प्रिया शर्मा प्रिया शर्मा", 12)
        assert cut.endswith("…") and pdf.measure(cut) <= 12


@pytest.mark.parametrize("character", ["\ue000", "\U000f0000", "\u0378", "🦄"])
def test_a_character_no_font_has_is_refused_with_the_field_it_is_in(character: str) -> None:
    with document() as pdf, pytest.raises(UnprintableText) as refused, pdf.field("candidate 0042's name"):
        pdf.cell(40, 5, f"Li{character}")
    assert isinstance(refused.value, InputError)
    message = str(refused.value)
    assert message.startswith(f"candidate 0042's name has a character no font in eoffice can print (U+{ord(character):04X}")
    assert "Li" not in message and "\n" not in message


def test_outside_a_field_the_error_names_the_page_and_a_table_names_its_row_and_column() -> None:
    with document() as pdf:
        with pytest.raises(UnprintableText, match=r"^the text on page 1 of the Door list has"):
            pdf.paragraph("Room \ue000")
        with pytest.raises(UnprintableText, match=r"^the table on page 1 of the Door list, row 2, column “Room” has"):
            pdf.table_rows([Column("Candidate"), Column("Room")], [["0041", "Main Hall"], ["0042", "Hall \ue000"]])
        with pdf.field("the door list of 12 May"), pytest.raises(
                UnprintableText, match=r"^the door list of 12 May, row 1, column “Room” has"):
            pdf.table_rows([Column("Candidate"), Column("Room")], [["0042", "Hall \ue000"]])


def test_the_header_names_the_centre() -> None:
    with pytest.raises(UnprintableText, match=r"^the centre's name has"), Document("Door list", "St Zoë \ue000") as pdf:
        pdf.add_page()


@needs_poppler
def test_text_placed_by_hand_borrows_and_shapes_too(tmp_path: Path) -> None:
    """fpdf2's text() neither shapes nor borrows letters; the house Document sends the text
    that needs either through a cell at the same baseline."""
    with document() as pdf:
        for index, name in enumerate(("李雷", "محمد حداد", "प्रिया", "Zoë")):
            pdf.text(20, 40 + 6 * index, name)
        out = pdf.save(tmp_path / "text.pdf")
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    words = re.sub(r"[\s\u202a-\u202e]", "", text)
    assert re.search("李雷.*محمدحداد.*प्रिया.*Zoë", words), text
