"""The demo content, as data.

Facts about the programme come from the news item it starts from ("Cambodia adopts
OVOP policy, names model OVOP province"): the national forum of 26 January, the
follow-up workshop of 27 January, Takeo as model province, Kirivong district as the
demonstration centre, Takeo's indicators. The item states no year, so none is
recorded. Producers and products are invented samples, marked as such.

The item is in English. Every text it gives is carried in Khmer too, as the portal's
own translation (records say so with `khmer_is_translation`, and Khmer pages show it);
people's names stay as the item spells them, except where the Khmer spelling is
certain. The sample producers and products are written in both languages.
"""

from decimal import Decimal

SOURCE = "APO News: “Cambodia adopts OVOP policy, names model OVOP province”"

TAKEO = "21"
KIRIVONG = "2104"

# Other spellings of places: the news item writes "Kirivong" for the Ministry's "Kiri Vung".
ALSO_KNOWN_AS = {KIRIVONG: "Kirivong"}

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
        "name_km": "គណៈកម្មាធិការជាតិ OVOP កម្ពុជា",
        "acronym": "OVOP NC",
        "kind": "national_committee",
    },
    {
        "name_en": "National Productivity Center of Cambodia",
        "name_km": "មជ្ឈមណ្ឌលផលិតភាពជាតិកម្ពុជា",
        "acronym": "NPCC",
        "kind": "productivity_centre",
    },
    {
        "name_en": "Asian Productivity Organization",
        "name_km": "អង្គការផលិតភាពអាស៊ី",
        "acronym": "APO",
        "kind": "international_body",
        "website": "https://www.apo-tokyo.org/",
    },
    {
        "name_en": "Ministry of Industry, Mines and Energy",
        "name_km": "ក្រសួងឧស្សាហកម្ម រ៉ែ និងថាមពល",
        "acronym": "MIME",
        "kind": "ministry",
    },
    {
        "name_en": "Takeo Provincial Administration",
        "name_km": "រដ្ឋបាលខេត្តតាកែវ",
        "acronym": "",
        "kind": "provincial_government",
    },
]

NATIONAL_FORUM = {
    "slug": "national-forum-promoting-ovop-movement-cambodia",
    "title_en": "National forum for promoting the OVOP movement in Cambodia",
    "title_km": "វេទិកាជាតិស្ដីពីការលើកកម្ពស់ចលនា OVOP នៅកម្ពុជា",
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
    "summary_km": (
        "រាជរដ្ឋាភិបាលកម្ពុជាបានអនុម័តយក «ភូមិមួយ ផលិតផលមួយ» ជាធាតុសំខាន់មួយនៃយុទ្ធសាស្ត្រ"
        "កាត់បន្ថយភាពក្រីក្ររបស់ខ្លួន។ នៅក្នុងវេទិកានេះ ឧបនាយករដ្ឋមន្ត្រី សុខ អាន "
        "បានប្រកាសជាផ្លូវការឱ្យខេត្តតាកែវជាខេត្តគំរូនៃចលនា OVOP នៅកម្ពុជា "
        "និងស្រុកគីរីវង់ជាមជ្ឈមណ្ឌលបង្ហាញការផលិត និងការកែច្នៃបន្លែ និងផ្លែឈើ"
        "ប្រកបដោយភាពច្នៃប្រឌិត និងការចិញ្ចឹមនាងនួន។ អភិបាលខេត្តមួយចំនួន "
        "ដឹកនាំដោយអភិបាលខេត្តតាកែវ លោក Srey Bein មន្ត្រីថ្នាក់ខេត្ត និងថ្នាក់ស្រុក "
        "និងតំណាងសភាអ្នកវិជ្ជាជីវៈ និងមីក្រូសហគ្រាស បានចូលរួម។"
    ),
    "source": SOURCE,
    "organisers": [
        ("Cambodia OVOP National Committee", "organiser", "", ""),
        ("National Productivity Center of Cambodia", "organiser", "", ""),
        (
            "Asian Productivity Organization",
            "supporter",
            "Technical Expert Service Program",
            "កម្មវិធីសេវាអ្នកជំនាញបច្ចេកទេស",
        ),
    ],
    "participants": [
        (
            "Sok An",
            "សុខ អាន",
            "Deputy Prime Minister; Vice Chairman of the OVOP National Committee",
            "ឧបនាយករដ្ឋមន្ត្រី; អនុប្រធានគណៈកម្មាធិការជាតិ OVOP",
            "Cambodia OVOP National Committee",
            "guest_of_honour",
        ),
        (
            "APO Director for Cambodia (name not stated)",
            "នាយក APO ប្រចាំកម្ពុជា (មិនបានបញ្ជាក់ឈ្មោះ)",
            "APO Director for Cambodia; Secretary of State of the Ministry of Industry, "
            "Mines and Energy",
            "នាយក APO ប្រចាំកម្ពុជា; រដ្ឋលេខាធិការក្រសួងឧស្សាហកម្ម រ៉ែ និងថាមពល",
            "Ministry of Industry, Mines and Energy",
            "official",
        ),
        (
            "Son Koun Tour",
            "",
            "Adviser to Prime Minister Hun Sen; Secretary-General of the OVOP National Committee",
            "ទីប្រឹក្សានាយករដ្ឋមន្ត្រី ហ៊ុន សែន; អគ្គលេខាធិការគណៈកម្មាធិការជាតិ OVOP",
            "Cambodia OVOP National Committee",
            "official",
        ),
        (
            "Srey Bein",
            "",
            "Governor of Takeo province",
            "អភិបាលខេត្តតាកែវ",
            "Takeo Provincial Administration",
            "official",
        ),
    ],
}

FOLLOW_UP_WORKSHOP = {
    "slug": "follow-up-workshop-ovop-action-plans",
    "title_en": "Follow-up workshop to firm up the OVOP action plans",
    "title_km": "សិក្ខាសាលាបន្តដើម្បីពង្រឹងផែនការសកម្មភាព OVOP",
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
    "summary_km": (
        "សិក្ខាសាលាមួយដែលបានធ្វើឡើងនៅថ្ងៃបន្ទាប់ពីវេទិកាជាតិ ដើម្បីពង្រឹងផែនការសកម្មភាព"
        "ដែលបានបង្ហាញនៅទីនោះ ដោយមានការចូលរួមពីមន្ត្រីនៃ NPCC គណៈកម្មាធិការជាតិ OVOP "
        "និងខេត្តតាកែវ។ ធាតុសំខាន់មួយនៃផែនការទាំងនេះ គឺការស្វែងរកមូលនិធិ "
        "និងការកសាងបណ្ដាញជាមួយស្ថាប័នម្ចាស់ជំនួយ ដើម្បីទទួលបានជំនួយបច្ចេកទេស "
        "សម្រាប់ចាប់ផ្ដើមគម្រោងដែលបានគ្រោងទុក។"
    ),
    "source": SOURCE,
    "organisers": [
        ("Cambodia OVOP National Committee", "organiser", "", ""),
        ("National Productivity Center of Cambodia", "organiser", "", ""),
    ],
    "participants": [
        (
            "Hash Vongdara",
            "",
            "Deputy Secretary-General of the OVOP National Committee",
            "អគ្គលេខាធិការរងនៃគណៈកម្មាធិការជាតិ OVOP",
            "Cambodia OVOP National Committee",
            "official",
        ),
        (
            "Yea Bunna",
            "",
            "Director, National Productivity Center of Cambodia",
            "នាយក មជ្ឈមណ្ឌលផលិតភាពជាតិកម្ពុជា",
            "National Productivity Center of Cambodia",
            "official",
        ),
        (
            "Joselito Bernardo",
            "",
            "Director, Agriculture Department, APO Secretariat",
            "នាយក នាយកដ្ឋានកសិកម្ម នៃលេខាធិការដ្ឋាន APO",
            "Asian Productivity Organization",
            "expert",
        ),
        (
            "Kunio Igusa",
            "",
            "Professor; APO expert from Japan",
            "សាស្ត្រាចារ្យ; អ្នកជំនាញ APO មកពីប្រទេសជប៉ុន",
            "Asian Productivity Organization",
            "expert",
        ),
    ],
    "action_plan": {
        "title_en": "Action plans for the OVOP movement in Takeo",
        "title_km": "ផែនការសកម្មភាពសម្រាប់ចលនា OVOP នៅខេត្តតាកែវ",
        "description_en": (
            "Firmed up at the workshop from the plans presented at the national forum. "
            "The news item names no owners or deadlines for the items below."
        ),
        "description_km": (
            "បានពង្រឹងនៅក្នុងសិក្ខាសាលា ពីផែនការដែលបានបង្ហាញនៅវេទិកាជាតិ។ "
            "អត្ថបទព័ត៌មាននេះមិនបានបញ្ជាក់អ្នកទទួលខុសត្រូវ ឬកាលកំណត់នៃចំណុចខាងក្រោមទេ។"
        ),
        # (English, Khmer)
        "items": [
            (
                "Source funds for the envisioned OVOP projects",
                "ស្វែងរកមូលនិធិសម្រាប់គម្រោង OVOP ដែលបានគ្រោងទុក",
            ),
            (
                "Network with donor institutions for technical assistance to jumpstart the "
                "projects",
                "កសាងបណ្ដាញជាមួយស្ថាប័នម្ចាស់ជំនួយ ដើម្បីទទួលបានជំនួយបច្ចេកទេស សម្រាប់ចាប់ផ្ដើមគម្រោង",
            ),
        ],
    },
}

MODEL_PROVINCE = {
    "declared_by": "Deputy Prime Minister Sok An",
    "declared_by_km": "ឧបនាយករដ្ឋមន្ត្រី សុខ អាន",
    "statement_en": (
        "Takeo will serve as a showcase of viable OVOP models, which can be emulated by "
        "other provinces and local communities in driving their respective OVOP "
        "initiatives. Eventually, the movement will spread throughout Takeo."
    ),
    "statement_km": (
        "ខេត្តតាកែវនឹងធ្វើជាកន្លែងបង្ហាញគំរូ OVOP ដែលអាចអនុវត្តបាន ដែលខេត្តផ្សេងៗ "
        "និងសហគមន៍មូលដ្ឋានអាចយកតម្រាប់តាម ក្នុងការជំរុញគំនិតផ្ដួចផ្ដើម OVOP រៀងៗខ្លួន។ "
        "ជាបន្តបន្ទាប់ ចលនានេះនឹងរីករាលដាលពាសពេញខេត្តតាកែវ។"
    ),
    "khmer_is_translation": True,
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
        "name_km": "ក្រុមអ្នកដាំបន្លែគីរីវង់ (គំរូ)",
        "kind": "group",
        "village_code": "21040101",
        "contact_person": "Sample contact",
        "phone": "+855 00 000 000",
    },
    {
        "slug": "sample-kamnab-fruit-processing-cooperative",
        "name_en": "Kamnab Fruit Processing Cooperative (sample)",
        "name_km": "សហករណ៍កែច្នៃផ្លែឈើកំណប់ (គំរូ)",
        "kind": "cooperative",
        "village_code": "21040301",
        "contact_person": "Sample contact",
        "email": "fruit.cooperative@example.org",
    },
    {
        "slug": "sample-angkanh-silk-weavers",
        "name_en": "Angkanh Silk Weavers (sample)",
        "name_km": "ក្រុមអ្នកត្បាញសូត្រអង្កាញ់ (គំរូ)",
        "kind": "group",
        "village_code": "21060101",
        "contact_person": "Sample contact",
    },
    {
        "slug": "sample-srok-chek-rice-household",
        "name_en": "Srok Chek Rice Household (sample)",
        "name_km": "គ្រួសារដាំស្រូវស្រុកចេក (គំរូ)",
        "kind": "household",
        "village_code": "21090101",
    },
]

# (slug, name_en, name_km, category, producer, showcase, published, colour,
#  description in English, description in Khmer)
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
        "បន្លែស្លឹក និងផ្លែឃ្លោក ដាំដោយគ្រួសារក្នុងក្រុម បេះតាមការកុម្ម៉ង់។",
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
        "ស្វាយពីចម្ការនៅជើងភ្នំគីរីវង់ លក់ស្រស់តាមរដូវ។",
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
        "ស្វាយហាន់ជាចំណិតសម្ងួតដោយមិនបន្ថែមស្ករ វេចខ្ចប់ដោយសហករណ៍។",
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
        "ក្រមាត្បាញលើកីឈើ ពីសូត្រដែលសាវក្នុងស្រុក។",
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
        "អង្ករកិនពីស្រែរបស់គ្រួសារផ្ទាល់។",
    ),
    (
        "mango-jam-draft",
        "Mango jam (draft)",
        "យៈស្វាយ (សេចក្ដីព្រាង)",
        "processed-food",
        "sample-kamnab-fruit-processing-cooperative",
        False,
        False,
        (200, 80, 20),
        "A product still being prepared: not shown to the public.",
        "ផលិតផលដែលកំពុងរៀបចំ៖ មិនបង្ហាញជាសាធារណៈទេ។",
    ),
]

# Changes for review, proposed by the demo Takeo official: one waits for a reviewer, one
# was sent back with the reviewer's comment.
REVIEW_EXAMPLES = [
    {
        "product": "kirivong-mangoes",
        "changes": {"season_en": "April to June", "season_km": "ខែមេសា ដល់ខែមិថុនា"},
    },
    {
        "product": "fragrant-rice",
        "changes": {"price_min": Decimal("2.00"), "price_max": Decimal("9.00")},
        "sent_back_with": (
            "Which market gives these prices? Please say so in the description, then save again."
        ),
    },
]
