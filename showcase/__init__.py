"""The public pages that gather several apps: the home page; the pages of provinces,
districts, communes and villages with the products and events found there; producer
pages; and the catalogue with its stars.

It sits above the apps it gathers, recognition included, as bakerydemo's `search` does,
so that the gazetteer, the catalogue and the shared base import no app above them
(docs/decisions/0080-catalogue-stars-in-the-showcase.md).
"""
