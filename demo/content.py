"""The demo content, as data.

Facts about the programme come from the news item it starts from ("Cambodia adopts
OVOP policy, names model OVOP province"): the national forum of 26 January, the
follow-up workshop of 27 January, Takeo as model province, Kirivong district as the
demonstration centre, Takeo's indicators. The item states no year, so none is
recorded. Producers and products are invented samples, marked as such.
"""

from decimal import Decimal

SOURCE = "APO News: “Cambodia adopts OVOP policy, names model OVOP province”"

TAKEO = "21"
KIRIVONG = "2104"

TAKEO_INDICATORS = {
    "agriculture_labour_share": 85,
    "monthly_earnings_min_usd": 50,
    "monthly_earnings_max_usd": 80,
    "main_livelihoods_en": "Agriculture, mainly rice",
    "main_livelihoods_km": "កសិកម្ម ជាពិសេសស្រូវ",
    "indicators_source": SOURCE,
}

ORGANISATIONS = [
    {
        "name_en": "Cambodia OVOP National Committee",
        "acronym": "OVOP NC",
        "kind": "national_committee",
    },
    {
        "name_en": "National Productivity Center of Cambodia",
        "acronym": "NPCC",
        "kind": "productivity_centre",
    },
    {
        "name_en": "Asian Productivity Organization",
        "acronym": "APO",
        "kind": "international_body",
        "website": "https://www.apo-tokyo.org/",
    },
    {
        "name_en": "Ministry of Industry, Mines and Energy",
        "acronym": "MIME",
        "kind": "ministry",
    },
    {
        "name_en": "Takeo Provincial Administration",
        "acronym": "",
        "kind": "provincial_government",
    },
]

NATIONAL_FORUM = {
    "slug": "national-forum-promoting-ovop-movement-cambodia",
    "title_en": "National forum for promoting the OVOP movement in Cambodia",
    "kind": "national_forum",
    "day": 26,
    "month": 1,
    "year": None,
    "participant_count": 321,
    "summary_en": (
        "The Cambodian government adopted One Village, One Product as a key element of its "
        "strategy for poverty reduction. At this forum Deputy Prime Minister Sok An "
        "officially declared Takeo the model province for the OVOP movement in Cambodia, "
        "and Kirivong district the centre for demonstrating innovative vegetable and fruit "
        "production and processing and sericulture. Several provincial governors, led by "
        "Governor Srey Bein of Takeo, provincial and district officials, and "
        "representatives of chambers of professionals and microenterprises attended."
    ),
    "source": SOURCE,
    "organisers": [
        ("Cambodia OVOP National Committee", "organiser", ""),
        ("National Productivity Center of Cambodia", "organiser", ""),
        ("Asian Productivity Organization", "supporter", "Technical Expert Service Program"),
    ],
    "participants": [
        (
            "Sok An",
            "Deputy Prime Minister; Vice Chairman of the OVOP National Committee",
            "Cambodia OVOP National Committee",
            "guest_of_honour",
        ),
        (
            "APO Director for Cambodia (name not stated)",
            "APO Director for Cambodia; Secretary of State of the Ministry of Industry, "
            "Mines and Energy",
            "Ministry of Industry, Mines and Energy",
            "official",
        ),
        (
            "Son Koun Tour",
            "Adviser to Prime Minister Hun Sen; Secretary-General of the OVOP National Committee",
            "Cambodia OVOP National Committee",
            "official",
        ),
        (
            "Srey Bein",
            "Governor of Takeo province",
            "Takeo Provincial Administration",
            "official",
        ),
    ],
}

FOLLOW_UP_WORKSHOP = {
    "slug": "follow-up-workshop-ovop-action-plans",
    "title_en": "Follow-up workshop to firm up the OVOP action plans",
    "kind": "workshop",
    "day": 27,
    "month": 1,
    "year": None,
    "participant_count": None,
    "summary_en": (
        "A workshop held the day after the national forum to firm up the action plans "
        "presented there, with officials of the NPCC, the OVOP National Committee and "
        "Takeo province. A key element of the plans is fund sourcing and networking with "
        "donor institutions for technical assistance to jumpstart the envisioned projects."
    ),
    "source": SOURCE,
    "organisers": [
        ("Cambodia OVOP National Committee", "organiser", ""),
        ("National Productivity Center of Cambodia", "organiser", ""),
    ],
    "participants": [
        (
            "Hash Vongdara",
            "Deputy Secretary-General of the OVOP National Committee",
            "Cambodia OVOP National Committee",
            "official",
        ),
        (
            "Yea Bunna",
            "Director, National Productivity Center of Cambodia",
            "National Productivity Center of Cambodia",
            "official",
        ),
        (
            "Joselito Bernardo",
            "Director, Agriculture Department, APO Secretariat",
            "Asian Productivity Organization",
            "expert",
        ),
        (
            "Kunio Igusa",
            "Professor; APO expert from Japan",
            "Asian Productivity Organization",
            "expert",
        ),
    ],
    "action_plan": {
        "title_en": "Action plans for the OVOP movement in Takeo",
        "description_en": (
            "Firmed up at the workshop from the plans presented at the national forum. "
            "The news item names no owners or deadlines for the items below."
        ),
        "items": [
            "Source funds for the envisioned OVOP projects",
            "Network with donor institutions for technical assistance to jumpstart the projects",
        ],
    },
}

MODEL_PROVINCE = {
    "declared_by": "Deputy Prime Minister Sok An",
    "statement_en": (
        "Takeo will serve as a showcase of viable OVOP models, which can be emulated by "
        "other provinces and local communities in driving their respective OVOP "
        "initiatives. Eventually, the movement will spread throughout Takeo."
    ),
}

DEMONSTRATION_CENTRE = {
    "focus_en": ("Innovative vegetable and fruit production and processing, and sericulture"),
    "focus_km": "ការផលិត និងកែច្នៃបន្លែ និងផ្លែឈើ និងការចិញ្ចឹមនាងនួន",
}

CATEGORIES = [
    ("vegetables", "Vegetables", "បន្លែ"),
    ("fruit", "Fruit", "ផ្លែឈើ"),
    ("processed-food", "Processed food", "អាហារកែច្នៃ"),
    ("sericulture-and-silk", "Sericulture and silk", "សូត្រ"),
    ("rice", "Rice", "អង្ករ"),
    ("handicrafts", "Handicrafts", "សិប្បកម្ម"),
]

# Sample producers, each in a real village of Takeo (by its official code).
PRODUCERS = [
    {
        "slug": "sample-kirivong-vegetable-growers",
        "name_en": "Kirivong Vegetable Growers' Group (sample)",
        "kind": "group",
        "village_code": "21040101",
        "contact_person": "Sample contact",
        "phone": "+855 00 000 000",
    },
    {
        "slug": "sample-kamnab-fruit-processing-cooperative",
        "name_en": "Kamnab Fruit Processing Cooperative (sample)",
        "kind": "cooperative",
        "village_code": "21040301",
        "contact_person": "Sample contact",
        "email": "fruit.cooperative@example.org",
    },
    {
        "slug": "sample-angkanh-silk-weavers",
        "name_en": "Angkanh Silk Weavers (sample)",
        "kind": "group",
        "village_code": "21060101",
        "contact_person": "Sample contact",
    },
    {
        "slug": "sample-srok-chek-rice-household",
        "name_en": "Srok Chek Rice Household (sample)",
        "kind": "household",
        "village_code": "21090101",
    },
]

# (slug, name_en, name_km, category, producer, showcase, published, colour, description)
PRODUCTS = [
    (
        "kirivong-fresh-vegetables",
        "Kirivong fresh vegetables",
        "បន្លែស្រស់គីរីវង់",
        "vegetables",
        "sample-kirivong-vegetable-growers",
        True,
        True,
        (46, 125, 50),
        "Leafy greens and gourds grown by the group's households, picked to order.",
    ),
    (
        "kirivong-mangoes",
        "Kirivong mangoes",
        "ស្វាយគីរីវង់",
        "fruit",
        "sample-kamnab-fruit-processing-cooperative",
        True,
        True,
        (239, 160, 0),
        "Mangoes from the orchards at the foot of Kirivong's hills, sold fresh in season.",
    ),
    (
        "dried-mango-slices",
        "Dried mango slices",
        "ស្វាយក្រៀម",
        "processed-food",
        "sample-kamnab-fruit-processing-cooperative",
        True,
        True,
        (214, 120, 0),
        "Mango slices dried without added sugar, packed by the cooperative.",
    ),
    (
        "hand-woven-silk-scarf",
        "Hand-woven silk scarf",
        "ក្រមាសូត្រត្បាញដោយដៃ",
        "sericulture-and-silk",
        "sample-angkanh-silk-weavers",
        True,
        True,
        (142, 36, 90),
        "A scarf woven on a wooden loom from locally reeled silk.",
    ),
    (
        "fragrant-rice",
        "Fragrant rice",
        "អង្ករក្រអូប",
        "rice",
        "sample-srok-chek-rice-household",
        False,
        True,
        (190, 170, 120),
        "Milled rice from the household's own paddy fields.",
    ),
    (
        "mango-jam-draft",
        "Mango jam (draft)",
        "",
        "processed-food",
        "sample-kamnab-fruit-processing-cooperative",
        False,
        False,
        (200, 80, 20),
        "A product still being prepared: not shown to the public.",
    ),
]

# Changes for review, proposed by the demo Takeo official: one waits for a reviewer, one
# was sent back with the reviewer's comment.
REVIEW_EXAMPLES = [
    {
        "product": "kirivong-mangoes",
        "changes": {
            "description_km": "ស្វាយពីចម្ការនៅជើងភ្នំគីរីវង់ លក់ស្រស់តាមរដូវ។",
            "season_en": "April to June",
        },
    },
    {
        "product": "fragrant-rice",
        "changes": {"price_min": Decimal("2.00"), "price_max": Decimal("9.00")},
        "sent_back_with": (
            "Which market gives these prices? Please say so in the description, then save again."
        ),
    },
]
