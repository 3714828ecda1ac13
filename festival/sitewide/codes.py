"""Short codes people read aloud, copy from paper or type on a phone (a service request's
reference code, a workshop registration's code).

Every code comes from `secrets`, so it cannot be predicted from the ones before it. The
alphabet has no look-alike characters: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G or 9, so a code
read over the phone or from a crumpled printout is not mistyped. A code is not a secret
by itself: pages that show personal data behind it ask for a second factor.
"""

import secrets

# Upper-case letters and digits that cannot be taken for one another: 22 symbols.
UNAMBIGUOUS = "ACDEFHJKMNPQRTUVWXY347"
# Characters every alphabet must leave out, whatever else it allows.
LOOK_ALIKES = frozenset("0O1IL")


def new_code(*, length: int, alphabet: str = UNAMBIGUOUS) -> str:
    """A random code of `length` characters from `alphabet`, each drawn with `secrets`.

    Raises ValueError for a length below 1 or an alphabet that is empty, repeats a
    character, or holds one of the worst look-alikes (0/O, 1/I/L).
    """
    if length < 1:
        raise ValueError("A code needs at least one character.")
    if not alphabet or len(set(alphabet)) != len(alphabet):
        raise ValueError("The alphabet must be non-empty, each character once.")
    look_alikes = LOOK_ALIKES & set(alphabet.upper())
    if look_alikes:
        raise ValueError(f"The alphabet holds look-alikes: {sorted(look_alikes)}")
    return "".join(secrets.choice(alphabet) for _ in range(length))
