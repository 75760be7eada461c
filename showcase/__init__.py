"""The public pages that gather several apps: the home page, and the pages of provinces,
districts, communes and villages with the products and events found there.

It sits above the apps it gathers, as bakerydemo's `search` does, so that the
gazetteer and the shared base import no app above them.
"""
