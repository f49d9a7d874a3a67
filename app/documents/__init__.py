"""The program's paper: one module per PDF over a shared house style.

- `style.py`: A4, margins in mm, colours, paragraph styles, table style;
- `fonts.py`: the embedded Noto Sans (resources/fonts), registered once;
- `markup.py`: every piece of user text escaped and NFC-normalised for paragraph markup;
- `base.py`: `house_info()` (company, logo, programme name from the settings service) and
  `render_pdf()` (page templates, header, footer, "Page 2 of 3", metadata) returning bytes;
- `filenames.py`: Windows-legal suggested file names in the document's language;
- `agreement.py`: the tandem agreement.

A document takes `lang` and translates with `t = translator(lang)`; nothing here reads the
window's language. Documents read through `app.services` only, never SQL of their own.
"""


def warm_up() -> None:
    """Import ReportLab and the documents, register the fonts and read the catalogues, so
    the first preview does not wait for them (about 0.5 s; call it on a worker thread at
    start-up). Safe to call more than once."""
    from app.documents import agreement  # noqa: F401 - the import is the point
    from app.documents.fonts import register_fonts
    from app.documents.style import styles
    from app.i18n import LANGUAGES, translator

    register_fonts()
    styles()
    for code in LANGUAGES:
        translator(code)
