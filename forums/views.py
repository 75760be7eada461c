"""Public pages of the forums: the list of events and each event's page."""

from __future__ import annotations

from django.views.generic import DetailView, ListView

from forums.models import EventOrganisation, ForumEvent
from portal.views import CanonicalSlugMixin

EVENT_PAGE_SIZE = 20


class EventListView(ListView):
    template_name = "forums/event_list.html"
    context_object_name = "events"
    paginate_by = EVENT_PAGE_SIZE
    # What the page reads from its query (portal/caching.py).
    query_parameters = ("page",)

    def get_queryset(self):
        return ForumEvent.objects.for_public_list()


class EventDetailView(CanonicalSlugMixin, DetailView):
    template_name = "forums/event_detail.html"
    context_object_name = "event"
    query_parameters = ()

    def get_queryset(self):
        return ForumEvent.objects.for_event_page()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        links = self.object.organisations.all()
        context.update(
            organisers=[link for link in links if link.role == EventOrganisation.Role.ORGANISER],
            supporters=[link for link in links if link.role == EventOrganisation.Role.SUPPORTER],
        )
        return context
