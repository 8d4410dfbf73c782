"""Reports made by the tests: UN-style PDFs built with fpdf2 (nothing committed)."""

from __future__ import annotations

UN_PAGES = [
    [("45. The Tehrik-i-Taliban Pakistan (TTP) receives support from the Afghan Taliban, "
      "according to Member States, and its fighters operate in Khyber Pakhtunkhwa with "
      "consider-", "able freedom of movement."),
     ("46. The Balochistan Liberation Army (BLA) attacked a convoy in Quetta",
      "in March 2024, one Member State reported.")],
    [("47. Member States assessed that the Turkistan Islamic Party (TIP) cooperates with "
      "the TTP in Afghanistan.",),
     ("48. The TTP has not used armed drones, according to another Member State.",)],
]


def un_report_pdf(pages: list = UN_PAGES, header: str = "S/2024/556",
                  title: str = "Monitoring Team report") -> bytes:
    """A small UN-style report: running header, numbered paragraphs, a word hyphenated at
    a line end, a footnote marker after "Quetta", page numbers in the footer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_author("Analytical Support and Sanctions Monitoring Team")
    for number, paragraphs in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        for lines in paragraphs:
            pdf.set_font("Helvetica", size=11)
            for line in lines:
                if "Quetta" in line and line.endswith("Quetta"):
                    pdf.write(6, line)
                    pdf.set_font("Helvetica", size=6)
                    pdf.char_vpos = "SUP"
                    pdf.write(6, "12")  # the footnote marker
                    pdf.char_vpos = "LINE"
                    pdf.set_font("Helvetica", size=11)
                    pdf.ln(6)
                else:
                    pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(6)
        pdf.set_y(-20)
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 8, str(number), align="C")
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "The TTP attacked a checkpoint in Bannu.")
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 100), 255)
    ImageDraw.Draw(image).text((10, 40), "The TTP attacked a checkpoint.", fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return bytes(pdf.output())
