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
