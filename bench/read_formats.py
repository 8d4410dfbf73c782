"""Reading speed by format: the same report as plain text, Markdown, HTML, Word and PDF.

Only reading (format detection, text and metadata, the Document) is timed, not
extraction. Each report is corpus/dev's text; the HTML, Word and PDF copies are
made here (fpdf2, python-docx) in a temporary folder. The ratio against plain
text, measured in the same run, is the cost of the format.

    .venv/bin/python bench/read_formats.py           # each report 5 times
    .venv/bin/python bench/read_formats.py -n 20
"""

from __future__ import annotations

import argparse
import html
import io
import tempfile
import time
from pathlib import Path

from threatnet.ingest import read_document

REPO = Path(__file__).resolve().parents[1]


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for paragraph in text.split("\n"):
        if paragraph.strip():
            clean = paragraph.encode("latin-1", "replace").decode("latin-1")
            pdf.multi_cell(0, 6, clean, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html(text: str) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (f"<html><head><title>Report</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{body}</article><footer>(c) 2025</footer></body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="times each report is read")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus/dev").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[Path]] = {k: [] for k in ("text", "markdown", "html", "docx",
                                                        "pdf")}
        for i, text in enumerate(texts):
            made = {"text": (f"r{i}.txt", text.encode()), "markdown": (f"r{i}.md",
                                                                        text.encode()),
                    "html": (f"r{i}.html", _html(text).encode()),
                    "docx": (f"r{i}.docx", _docx(text)), "pdf": (f"r{i}.pdf", _pdf(text))}
            for kind, (name, data) in made.items():
                (Path(tmp) / name).write_bytes(data)
                files[kind].append(Path(tmp) / name)
        words = sum(len(t.split()) for t in texts) * args.n
        base = None
        print(f"{len(texts)} reports x {args.n}, {words:,} words per format")
        for kind, paths in files.items():
            for path in paths:  # warm-up: imports and caches
                read_document(str(path))
            start = time.perf_counter()
            for _ in range(args.n):
                for path in paths:
                    read_document(str(path))
            seconds = time.perf_counter() - start
            base = base or seconds
            print(f"{kind:9s} {words / seconds:>10,.0f} words/s  "
                  f"{len(paths) * args.n / seconds:>7,.1f} reports/s  "
                  f"{seconds / base:>5.1f}x the time of plain text")


if __name__ == "__main__":
    main()
