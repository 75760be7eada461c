"""Loading the demo content. Every step matches on a natural key, so it is idempotent."""

from __future__ import annotations

import io
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, features

from demo import content
from demo.users import demo_user
from forums.models import (
    ActionItem,
    ActionPlan,
    DemonstrationCentre,
    EventOrganisation,
    ForumEvent,
    ModelProvinceDesignation,
    Organisation,
    Participant,
)
from products.models import Category, Producer, Product, ProductPhoto
from provinces.models import (
    District,
    Province,
    Village,
)
from review import services as review
from review.changes import field_change

PRICES = {"per": "kg", "min": Decimal("1.50"), "max": Decimal("4.00")}


KHMER_FONT = (
    settings.BASE_DIR / "static/vendor/noto-sans-khmer/noto-sans-khmer-khmer-700-normal.woff2"
)


def sample_photo(label_en: str, label_km: str, colour: tuple[int, int, int]) -> ContentFile:
    """A plain generated picture saying, in Khmer and English, that it is a sample, so
    nobody mistakes it for a real photo.

    Khmer needs a text shaper (Pillow's Raqm layout); where Pillow lacks it the picture
    carries no words rather than Khmer drawn wrongly or English alone.
    """
    image = Image.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((450, 90, 750, 390), fill=tuple(min(255, c + 60) for c in colour))
    if features.check("raqm"):
        khmer = ImageFont.truetype(str(KHMER_FONT), 60, layout_engine=ImageFont.Layout.RAQM)
        khmer_small = ImageFont.truetype(str(KHMER_FONT), 38, layout_engine=ImageFont.Layout.RAQM)
        draw.text((600, 480), label_km or label_en, fill="white", font=khmer, anchor="mm")
        draw.text((600, 565), label_en, fill="white", font=ImageFont.load_default(48), anchor="mm")
        draw.text((600, 650), "រូបភាពគំរូ", fill="white", font=khmer_small, anchor="mm")
        draw.text(
            (600, 710), "Sample photo", fill="white", font=ImageFont.load_default(34), anchor="mm"
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="sample.jpg")


def _event(data: dict, province: Province, follows: ForumEvent | None = None) -> ForumEvent:
    event, _created = ForumEvent.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "title_en": data["title_en"],
            "title_km": data["title_km"],
            "kind": data["kind"],
            "day": data["day"],
            "month": data["month"],
            "year": data["year"],
            "participant_count": data["participant_count"],
            "summary_en": data["summary_en"],
            "summary_km": data["summary_km"],
            "source": data["source"],
            # The news item is English: the Khmer texts are the portal's translation.
            "khmer_is_translation": True,
            "province": province,
            "follows": follows,
            "live": True,
        },
    )
    if event.published_at is None:
        ForumEvent.objects.filter(pk=event.pk).update(published_at=timezone.now())
    for name, role, note, note_km in data["organisers"]:
        EventOrganisation.objects.update_or_create(
            event=event,
            organisation=Organisation.objects.get(name_en=name),
            role=role,
            defaults={"note": note, "note_km": note_km},
        )
    for name, name_km, title, title_km, organisation, role in data["participants"]:
        Participant.objects.update_or_create(
            event=event,
            name=name,
            defaults={
                "name_km": name_km,
                "title": title,
                "title_km": title_km,
                "organisation": Organisation.objects.get(name_en=organisation),
                "role": role,
            },
        )
    return event


def load_review_examples() -> None:
    """One product with a change waiting for review and one whose change was sent back,
    so that a new user meets the workflow at once. Left alone once they exist."""
    official = demo_user("demo-takeo-official")
    reviewer = demo_user("demo-reviewer")
    for example in content.REVIEW_EXAMPLES:
        product = Product.objects.get(slug=example["product"])
        if review.open_revision(product) is not None:
            continue
        revision = review.propose(product, field_change(product, example["changes"]), by=official)
        if example.get("sent_back_with"):
            # The demo reviewer decides on the change just proposed, as shown.
            seen = review.Seen.of(revision, product)
            review.send_back(revision, by=reviewer, seen=seen, comment=example["sent_back_with"])


@transaction.atomic
def load_demo_content() -> dict[str, int]:
    """Load the programme's facts and the sample data; the gazetteer must be loaded."""
    takeo = Province.objects.get(code=content.TAKEO)
    Province.objects.filter(pk=takeo.pk).update(**content.TAKEO_INDICATORS)

    for organisation in content.ORGANISATIONS:
        Organisation.objects.update_or_create(
            name_en=organisation["name_en"],
            defaults={k: v for k, v in organisation.items() if k != "name_en"},
        )

    forum = _event(content.NATIONAL_FORUM, takeo)
    workshop = _event(content.FOLLOW_UP_WORKSHOP, takeo, follows=forum)
    plan_data = content.FOLLOW_UP_WORKSHOP["action_plan"]
    plan, _created = ActionPlan.objects.update_or_create(
        event=workshop,
        title_en=plan_data["title_en"],
        defaults={
            "title_km": plan_data["title_km"],
            "description_en": plan_data["description_en"],
            "description_km": plan_data["description_km"],
        },
    )
    for description, description_km in plan_data["items"]:
        ActionItem.objects.update_or_create(
            plan=plan, description_en=description, defaults={"description_km": description_km}
        )

    ModelProvinceDesignation.objects.update_or_create(
        province=takeo, defaults={"declared_at": forum, **content.MODEL_PROVINCE}
    )
    DemonstrationCentre.objects.update_or_create(
        district=District.objects.get(code=content.KIRIVONG),
        defaults={"designated_at": forum, **content.DEMONSTRATION_CENTRE},
    )

    for code, other_names in content.ALSO_KNOWN_AS.items():
        District.objects.filter(code=code).update(also_known_as=other_names)

    categories = {}
    for position, (slug, name_en, name_km) in enumerate(content.CATEGORIES):
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug, defaults={"name_en": name_en, "name_km": name_km, "position": position}
        )

    producers = {}
    for data in content.PRODUCERS:
        fields = {k: v for k, v in data.items() if k not in ("slug", "village_code")}
        producers[data["slug"]], _created = Producer.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **fields,
                "village": Village.objects.get(code=data["village_code"]),
                "is_sample": True,
                "live": True,
            },
        )
        if producers[data["slug"]].published_at is None:
            Producer.objects.filter(slug=data["slug"]).update(published_at=timezone.now())

    for (
        slug,
        name_en,
        name_km,
        category,
        producer,
        showcase,
        published,
        colour,
        text,
        text_km,
    ) in content.PRODUCTS:
        product, _created = Product.objects.update_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_km": name_km,
                "description_en": text,
                "description_km": text_km,
                "category": categories[category],
                "producer": producers[producer],
                "village": producers[producer].village,
                "is_showcase": showcase,
                "is_sample": True,
                "unit": PRICES["per"],
                "price_min": PRICES["min"],
                "price_max": PRICES["max"],
                "live": published,
            },
        )
        if published and product.published_at is None:
            Product.objects.filter(pk=product.pk).update(published_at=timezone.now())
        if not product.photos.exists():
            ProductPhoto.objects.create(
                product=product,
                image=sample_photo(name_en, name_km, colour),
                alt_text_en=f"Sample picture standing in for a photo of {name_en.lower()}",
                alt_text_km=f"រូបភាពគំរូជំនួសរូបថត{name_km}" if name_km else "",
            )

    load_review_examples()

    return {
        "organisations": Organisation.objects.count(),
        "events": ForumEvent.objects.count(),
        "producers": Producer.objects.filter(is_sample=True).count(),
        "products": Product.objects.filter(is_sample=True).count(),
    }
