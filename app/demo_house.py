"""The demo company's letterhead: a logo, the place for signatures, the two signatories of
certificates and the HR contact, so that every document made from the demo looks the way it
will for a real company (and not half-empty)."""

from __future__ import annotations

import io

from sqlite_utils import Database

from app.demo_names import COMPANY_NAME, EMAIL_DOMAIN
from app.i18n import tr
from app.paths import resources_dir
from app.services import settings

LOGO_SIZE = (360, 120)
"""Width and height of the demo logo in pixels (3:1, as most letterhead logos are)."""
ACCENT = (15, 118, 110)
"""The logo's colour: the documents' accent teal."""


def demo_logo() -> bytes:
    """A simple PNG logo for the demo company: a teal mark with "LT" and the name beside it,
    drawn with the Noto Sans that Tandem ships."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow comes with ReportLab

    width, height = LOGO_SIZE
    image = Image.new("RGBA", LOGO_SIZE, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    fonts = resources_dir() / "fonts"
    bold = ImageFont.truetype(str(fonts / "NotoSans-Bold.ttf"), 44)
    regular = ImageFont.truetype(str(fonts / "NotoSans-Regular.ttf"), 30)
    draw.rounded_rectangle((4, 10, 104, 110), radius=22, fill=ACCENT)
    draw.text((54, 60), "LT", font=bold, fill="white", anchor="mm")
    name, _, rest = COMPANY_NAME.partition(" ")
    draw.text((124, 58), name, font=bold, fill=(30, 41, 59), anchor="ls")
    draw.text((126, 96), rest, font=regular, fill=ACCENT, anchor="ls")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def add_demo_house(db: Database) -> None:
    """Fill the letterhead settings that are still empty (an existing value is kept)."""
    current = settings.get_settings(db)
    wanted = {
        "signature_place": "Hamburg",
        "signatory1_name": "Dr. Katrin Albers",
        "signatory1_title": tr("Head of Human Resources"),
        "signatory2_name": "Henrik Lindqvist",
        "signatory2_title": tr("Managing Director"),
        "hr_contact_name": "Sabine Krüger",
        "hr_contact_email": f"sabine.krueger@{EMAIL_DOMAIN}",
        "hr_contact_phone": "+49 40 1234-567",
        # A company of this size has to appoint a data protection officer (BDSG § 38).
        "dpo_name": "Jonas Petersen",
        "dpo_email": f"datenschutz@{EMAIL_DOMAIN}",
        "dpo_phone": "+49 40 1234-590",
    }
    for key, value in wanted.items():
        if not getattr(current, key):
            settings.set_setting(db, key, value)
    if not current.has_logo:
        settings.set_logo(db, demo_logo())
