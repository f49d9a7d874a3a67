"""The window's document pieces: the PDF preview with Save as…, Print… and Open in PDF viewer
(`preview`), printing a PDF page by page (`printing`), saving and opening PDF files
(`files`), making a document on the worker and showing it (`runner`), and the batch dialog
with progress and Cancel for long document jobs (`batch`). The documents themselves are
made in `app/documents/`; these modules only show, save and print their bytes."""
