"""Loose comparison of French words where the database has no French analysis."""

import unicodedata


def fold(text):
    """Return text lower-cased and without accents, for loose comparison."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def loose_stem(word):
    """
    Return the folded word without a plural's final s or x, so that
    "écoles" and "hôpitaux" find "école" and "hôpital" by substring.
    """
    word = fold(word).strip(".,;:!?«»\"'()")
    if word.endswith("aux") and len(word) > 4:
        return word[:-2]
    if word.endswith(("s", "x")) and len(word) > 3:
        return word[:-1]
    return word
