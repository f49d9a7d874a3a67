"""Names for the demo company: German and international first and last names, a few
people who always appear (so every view shows umlauts, diacritics, Cyrillic, apostrophes
and hyphens), and the folding of names into ASCII e-mail addresses.

Names are data, not interface text: they are never translated.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

COMPANY_NAME = "Lindenhof Technik GmbH"
EMAIL_DOMAIN = "lindenhof-technik.example"

# fmt: off
FEMALE_FIRST = (
    # German
    "Anna", "Lena", "Julia", "Katharina", "Sophie", "Laura", "Hannah", "Marie", "Sabine",
    "Petra", "Claudia", "Andrea", "Birgit", "Ute", "Jutta", "Käthe", "Jördis", "Mareike",
    "Anja", "Nicole", "Stefanie", "Charlotte", "Mia", "Emilia", "Greta", "Franziska",
    "Lea", "Carolin", "Svenja", "Heike", "Doris", "Gisela", "Annegret", "Maren",
    # international
    "Ayşe", "Elif", "Zeynep", "Özlem", "Ewa", "Agnieszka", "Małgorzata", "Chiara", "Giulia",
    "Lucía", "María", "Sofía", "Ioana", "Elena", "Mariam", "Fatima", "Amira", "Priya",
    "Mei", "Yuki", "Ngọc Anh", "Aoife", "Siobhán", "Åsa", "Ingrid", "Maja", "Zoë", "Inês",
    "Dragana", "Tereza", "Léa", "Amélie", "Oluwaseun", "Adaeze",
)

MALE_FIRST = (
    # German
    "Thomas", "Michael", "Andreas", "Stefan", "Markus", "Jürgen", "Jörg", "Günther", "Uwe",
    "Klaus", "Matthias", "Tobias", "Lukas", "Jonas", "Leon", "Finn", "Paul", "Felix",
    "Maximilian", "Niklas", "Björn", "Sören", "Malte", "Till", "Moritz", "Jannik", "Hendrik",
    "Dieter", "Rüdiger", "Bernd", "Frank", "Heiko", "Ole",
    # international
    "Mehmet", "Emre", "Can", "Ömer", "Murat", "Piotr", "Łukasz", "Tomasz", "Marco", "Luca",
    "Alejandro", "José", "João", "Dmitri", "Andrei", "Mihai", "Ahmed", "Karim", "Omar",
    "Rajesh", "Arjun", "Minh", "Hiroshi", "Kwame", "Jiří", "Ondřej", "Søren", "Mateus",
    "Nikola", "Darius", "Yusuf", "Tiago", "François",
)

LAST_NAMES = (
    # German
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
    "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schulze", "Maier",
    "Köhler", "Herrmann", "König", "Walter", "Huber", "Kaiser", "Fuchs", "Peters", "Scholz",
    "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Keller", "Günther", "Berger", "Winkler",
    "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Böhm", "Winter", "Krämer",
    "Vogt", "Jäger", "Sommer", "Groß", "Seidel", "Brandt", "Haas", "Schreiber", "Kühn",
    "Pohl", "Engel", "Horn", "Bergmann", "Voigt", "Sauer", "Pfeiffer", "Großmann",
    "Schulte-Bräuning", "von der Heide", "Lüdtke", "Thießen",
    # international
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Nowak", "Kowalski",
    "Wójcik", "Kamiński", "Lewandowski", "Dvořák", "Novák", "Svoboda", "Horváth", "Nagy",
    "Popescu", "Ionescu", "Rossi", "Russo", "Esposito", "García", "Fernández", "López",
    "Martínez", "Silva", "Santos", "Pereira", "Costa", "Papadopoulos", "Nguyễn", "Trần",
    "Lê", "Phạm", "Petrović", "Jovanović", "Kovačević", "Hansen", "Johansson", "Åberg",
    "Sørensen", "O'Connor", "Murphy", "Dubois", "Lefèvre", "Ahmadi", "Hosseini", "Khan",
    "Patel", "Singh", "Kim", "Park", "Tanaka", "Satō", "Chen", "Wang", "Mensah", "Okafor",
    "El-Amrani", "Haddad", "Benali", "D'Angelo",
)
# fmt: on


@dataclass(frozen=True)
class FeaturedPerson:
    """Someone who is always in the demo, in a given department at a given level.

    `tandem` says in which round the demo pairs them when it can: "running" or "completed".
    """

    first_name: str
    last_name: str
    department: str  # a department key of app.demo
    level: str  # a level key of app.demo
    role: str  # "mentor", "mentee" or "both"
    tandem: str | None = None


FEATURED: tuple[FeaturedPerson, ...] = (
    FeaturedPerson("Friederike", "Müller-Lüdenscheidt", "management", "md", "mentee"),
    FeaturedPerson("Siobhán", "O'Brien", "sales", "head", "mentee", "running"),
    FeaturedPerson("Jürgen", "Weiß", "production", "head", "mentee", "running"),
    FeaturedPerson("Björn", "Köhler", "it", "head", "mentee", "completed"),
    FeaturedPerson("Łukasz", "Dvořák-Şahin", "it", "student", "mentor", "running"),
    FeaturedPerson("Thị Lan", "Nguyễn", "marketing", "junior", "mentor", "running"),
    FeaturedPerson("Ольга", "Кузнецова", "finance", "trainee", "mentor", "completed"),
    FeaturedPerson("Ayşe", "Yılmaz", "production", "apprentice", "mentor", "running"),
    FeaturedPerson("Zoë", "Schäfer", "marketing", "student", "mentor", "completed"),
    FeaturedPerson("Ömer", "Çelik", "service", "lead", "both", "running"),
)

# fmt: off
_SPECIAL = {
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ø": "O", "ø": "o", "Æ": "Ae",
    "æ": "ae", "Œ": "Oe", "œ": "oe", "Þ": "Th", "þ": "th",
}
# fmt: on
# fmt: off
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
            "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
            "yu", "ya",
        ],
        strict=True,
    )
)
# fmt: on


def ascii_fold(text: str) -> str:
    """Spell a name in plain ASCII letters: Müller -> Mueller, Łukasz -> Lukasz,
    Nguyễn -> Nguyen, Ольга -> Olga."""
    out = []
    for char in text:
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif char.lower() in _CYRILLIC:
            latin = _CYRILLIC[char.lower()]
            out.append(latin.capitalize() if char.isupper() else latin)
        else:
            out.append(char)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


def email_local_part(first_name: str, last_name: str) -> str:
    """`firstname.lastname` in lower-case ASCII; spaces become hyphens, apostrophes go."""

    def part(name: str) -> str:
        folded = ascii_fold(name).lower().replace("'", "").replace("’", "")
        words = "".join(c if c.isalnum() or c == "-" else " " for c in folded).split()
        return "-".join(words)

    return f"{part(first_name)}.{part(last_name)}"


def gendered_last_name(last_name: str, female: bool) -> str:
    """Polish surnames take the feminine form for women (Kowalski -> Kowalska)."""
    if female and last_name.endswith(("ski", "cki")):
        return last_name[:-1] + "a"
    return last_name
