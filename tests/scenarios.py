"""Named sets of data that several test areas build the same way."""

from types import SimpleNamespace

from tests.factories import (
    CategoryFactory,
    CommuneFactory,
    DemonstrationCentreFactory,
    DistrictFactory,
    ForumEventFactory,
    ModelProvinceDesignationFactory,
    ProducerFactory,
    ProductFactory,
    ProductPhotoFactory,
    ProvinceFactory,
    VillageFactory,
)


def build_takeo() -> SimpleNamespace:
    """Takeo, a model province, with Kirivong's demonstration centre, one showcase product
    with a photo, one draft product and one published event."""
    province = ProvinceFactory(code="21", name_en="Takeo", name_km="តាកែវ", slug="takeo")
    designation = ModelProvinceDesignationFactory(province=province)
    district = DistrictFactory(
        code="2104", province=province, name_en="Kiri Vong", name_km="គិរីវង់", slug="kiri-vong"
    )
    centre = DemonstrationCentreFactory(district=district)
    commune = CommuneFactory(
        code="210401",
        district=district,
        name_en="Prey Ampok",
        name_km="ព្រៃអំពក",
        slug="prey-ampok",
    )
    village = VillageFactory(
        commune=commune, code="21040101", name_en="Ta Nob", name_km="តាណុប", slug="ta-nob"
    )
    category = CategoryFactory(name_en="Food", name_km="ម្ហូបអាហារ", slug="food")
    producer = ProducerFactory(
        village=village,
        name_en="Kirivong Palm Sugar Group",
        phone="012 345 678",
        contact_person="Sok Dara",
    )
    product = ProductFactory(
        name_en="Palm sugar",
        name_km="ស្ករត្នោត",
        slug="palm-sugar",
        description_en="Sugar from the sap of sugar palms, boiled in the village.",
        description_km="ស្ករធ្វើពីទឹកត្នោត ចម្អិននៅក្នុងភូមិ។",
        category=category,
        producer=producer,
        is_showcase=True,
        season_en="December to May",
        season_km="ខែធ្នូ ដល់ ខែឧសភា",
        price_min=2,
        price_max=3,
        unit="kg",
    )
    photo = ProductPhotoFactory(product=product, alt_text_en="Blocks of palm sugar")
    draft = ProductFactory(
        name_en="Secret recipe",
        name_km="រូបមន្តសម្ងាត់",
        category=category,
        producer=producer,
        live=False,
    )
    event = ForumEventFactory(
        title_en="National OVOP forum",
        title_km="វេទិកាជាតិ OVOP",
        province=province,
        summary_en="Takeo declared the first model province.",
    )
    return SimpleNamespace(
        province=province,
        designation=designation,
        district=district,
        centre=centre,
        commune=commune,
        village=village,
        category=category,
        producer=producer,
        product=product,
        photo=photo,
        draft=draft,
        event=event,
    )
