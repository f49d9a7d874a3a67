"""The fields an import fills and the column headers that name them, in German and English,
including the words of HR and payroll exports. Headers are compared after normalising case,
umlauts, punctuation and spaces, so `Pers.-Nr.`, `pers nr` and `PersNr` are the same."""

from __future__ import annotations

import re
import unicodedata

from app.i18n import N_, tr

# The fields in the order of an export; the English label is also the English export header.
FIELDS: tuple[str, ...] = (
    "personnel_number",
    "first_name",
    "last_name",
    "email",
    "department",
    "position",
    "manager",
    "manager_name",
    "start_date",
    "role",
    "consent_date",
    "can_teach",
    "wants_to_learn",
    "status",
    "status_date",
)

# Column headers of an export (English text; German via the catalogue).
FIELD_LABELS: dict[str, str] = {
    "personnel_number": N_("Personnel number"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "email": N_("Email"),
    "department": N_("Department"),
    "position": N_("Position"),
    "manager": N_("Manager"),
    "manager_name": N_("Manager's name"),
    "start_date": N_("Start date"),
    "role": N_("Role"),
    "consent_date": N_("Consent date"),
    "can_teach": N_("Can teach"),
    "wants_to_learn": N_("Wants to learn"),
    "status": N_("Status"),
    "status_date": N_("Status since"),
}

REQUIRED_FIELDS: tuple[str, ...] = ("first_name", "last_name")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "personnel_number": (
        "Personalnummer",
        "Personal-Nr.",
        "Pers.-Nr.",
        "Pers.Nr.",
        "PersNr",
        "Pers. Nr.",
        "Personalnr",
        "Mitarbeiternummer",
        "Mitarbeiter-Nr.",
        "Mitarbeiter-ID",
        "MA-Nr.",
        "Mitarbeiterkennung",
        "Personalkennziffer",
        "Stammnummer",
        "Nr.",
        "Nummer",
        "ID",
        "Personnel number",
        "Personnel no",
        "Personnel ID",
        "Employee ID",
        "Employee number",
        "Employee no",
        "Employee #",
        "Emp ID",
        "Emp no",
        "EmpID",
        "Staff ID",
        "Staff number",
        "Staff no",
        "Payroll number",
        "Payroll ID",
        "Worker ID",
        "Person ID",
        "Number",
    ),
    "first_name": (
        "Vorname",
        "Vornamen",
        "Rufname",
        "First name",
        "Firstname",
        "Given name",
        "Given names",
        "Forename",
        "Preferred name",
        "First",
    ),
    "last_name": (
        "Nachname",
        "Name",
        "Familienname",
        "Zuname",
        "Last name",
        "Lastname",
        "Surname",
        "Family name",
        "Last",
    ),
    "email": (
        "E-Mail",
        "Email",
        "E-Mail-Adresse",
        "Emailadresse",
        "Mail",
        "Mailadresse",
        "E-Mail (dienstlich)",
        "Dienstliche E-Mail",
        "Geschäftliche E-Mail",
        "Email address",
        "E-mail address",
        "Work email",
        "Business email",
        "Work e-mail",
        "Company email",
        "Email (work)",
    ),
    "department": (
        "Abteilung",
        "Bereich",
        "Organisationseinheit",
        "Org.-Einheit",
        "OE",
        "Fachbereich",
        "Geschäftsbereich",
        "Ressort",
        "Team",
        "Department",
        "Dept",
        "Division",
        "Business unit",
        "Unit",
        "Organisational unit",
        "Organizational unit",
        "Org unit",
    ),
    "position": (
        "Position",
        "Funktion",
        "Stelle",
        "Stellenbezeichnung",
        "Jobtitel",
        "Berufsbezeichnung",
        "Tätigkeit",
        "Rolle im Unternehmen",
        "Job title",
        "Title",
        "Job",
        "Job role",
        "Position title",
        "Designation",
    ),
    "manager": (
        "Vorgesetzte(r)",
        "Vorgesetzter",
        "Vorgesetzte",
        "Führungskraft",
        "Disziplinarische Führungskraft",
        "Direkte Führungskraft",
        "Vorgesetzter Pers.-Nr.",
        "Führungskraft Pers.-Nr.",
        "Vorgesetzter E-Mail",
        "Führungskraft E-Mail",
        "Berichtet an",
        "Chef",
        "Manager",
        "Supervisor",
        "Reports to",
        "Line manager",
        "Direct manager",
        "Reporting manager",
        "Manager email",
        "Manager e-mail",
        "Manager ID",
        "Manager number",
        "Supervisor ID",
        "Supervisor email",
        "Line manager ID",
    ),
    # Beside the manager's number in an export, for people to read. An import uses it as
    # the manager reference only when there is no "Manager" column (see engine.plan).
    "manager_name": (
        "Name der/des Vorgesetzten",
        "Name des Vorgesetzten",
        "Name der Vorgesetzten",
        "Vorgesetzte(r) Name",
        "Name Vorgesetzte(r)",
        "Name der Führungskraft",
        "Führungskraft Name",
        "Manager name",
        "Manager's name",
        "Name of manager",
        "Supervisor name",
        "Line manager name",
    ),
    "start_date": (
        "Eintritt",
        "Eintrittsdatum",
        "Eintritt am",
        "Eintrittsdatum Unternehmen",
        "Startdatum",
        "Beginn",
        "Beschäftigungsbeginn",
        "Betriebszugehörigkeit seit",
        "Im Unternehmen seit",
        "Hire date",
        "Start date",
        "Date of hire",
        "Date hired",
        "Hired",
        "Date of joining",
        "Joining date",
        "Joined",
        "Employment start",
        "Employment start date",
        "Entry date",
        "Original hire date",
    ),
    "role": (
        "Rolle",
        "Teilnahme als",
        "Programmrolle",
        "Rolle im Programm",
        "Mentoring-Rolle",
        "Role",
        "Program role",
        "Programme role",
        "Participation",
        "Participates as",
        "Mentoring role",
        "Role in program",
        "Role in programme",
    ),
    "consent_date": (
        "Einwilligung am",
        "Einwilligung",
        "Einwilligungsdatum",
        "Einverständnis",
        "Einverständnis am",
        "Einverständniserklärung",
        "Zustimmung",
        "Zustimmung am",
        "Datenschutz-Einwilligung",
        "Consent date",
        "Consent",
        "Consent given",
        "Consent given on",
        "Consent on",
        "Date of consent",
        "Consent received",
    ),
    "can_teach": (
        "Kann vermitteln",
        "Kann lehren",
        "Kann beibringen",
        "Kann weitergeben",
        "Stärken",
        "Expertise",
        "Themen (vermitteln)",
        "Bietet an",
        "Can teach",
        "Teaches",
        "Topics to teach",
        "Can offer",
        "Offers",
        "Strengths",
        "Teaching topics",
    ),
    "wants_to_learn": (
        "Möchte lernen",
        "Will lernen",
        "Möchte lernen über",
        "Lernwunsch",
        "Lernwünsche",
        "Lernthemen",
        "Themen (lernen)",
        "Wants to learn",
        "Would like to learn",
        "Topics to learn",
        "Learning goals",
        "Learning topics",
        "Wants to learn about",
        "Interests",
    ),
    "status": (
        "Status",
        "Teilnahmestatus",
        "Teilnehmerstatus",
        "Programmstatus",
        "Beschäftigungsstatus",
        "Mitarbeiterstatus",
        "Personalstatus",
        "Beschäftigungsverhältnis",
        "Participant status",
        "Participation status",
        "Program status",
        "Programme status",
        "Employment status",
        "Employee status",
        "Employee state",
        "Worker status",
    ),
    "status_date": (
        "Status seit",
        "Statusdatum",
        "Status am",
        "Status geändert am",
        "Ausgeschieden am",
        "Ausgeschieden seit",
        "Austritt",
        "Austrittsdatum",
        "Austritt am",
        "Alumni seit",
        "Status since",
        "Status date",
        "Status changed",
        "Status changed on",
        "Leaving date",
        "Date left",
        "Left on",
        "Left company on",
        "Exit date",
        "Termination date",
        "End date of employment",
        "Employment end date",
        "Alumni since",
    ),
}


def normalise_header(text: object) -> str:
    """A header reduced to lower-case letters and digits (umlauts spelled out)."""
    value = str(text or "").casefold()
    for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        value = value.replace(old, new)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z#]+", "", value)


_INDEX: dict[str, str] = {}
for _field, _words in _SYNONYMS.items():
    for _word in _words:
        _INDEX.setdefault(normalise_header(_word), _field)
    _INDEX.setdefault(normalise_header(FIELD_LABELS[_field]), _field)


def field_for_header(header: object) -> str | None:
    """The field a column header names, or None when it is not recognised.

    Besides the fixed synonyms, the export headers of the current language are recognised."""
    key = normalise_header(header)
    if not key:
        return None
    found = _INDEX.get(key)
    if found:
        return found
    for name, label in FIELD_LABELS.items():
        if normalise_header(tr(label)) == key:
            return name
    return None


def field_label(name: str) -> str:
    """The translated name of a field, as an export header and in the wizard."""
    return tr(FIELD_LABELS[name])


def auto_mapping(headers: list[str]) -> dict[int, str]:
    """Column index -> field for every recognised header; the first column wins a field."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        name = field_for_header(header)
        if name and name not in taken:
            mapping[index] = name
            taken.add(name)
    return mapping


def recognised_count(cells: list[object]) -> int:
    """How many cells of a row read as known column headers (to find the header row)."""
    names = {field_for_header(cell) for cell in cells if isinstance(cell, str)}
    names.discard(None)
    return len(names)
