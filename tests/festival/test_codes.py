import pytest

from festival.sitewide import codes


def test_new_code_has_the_length_and_only_characters_of_its_alphabet():
    drawn = [codes.new_code(length=8) for _ in range(200)]

    assert {len(code) for code in drawn} == {8}
    assert set("".join(drawn)) <= set(codes.UNAMBIGUOUS)
    assert len(set(drawn)) == 200  # random, not a sequence


def test_new_code_default_alphabet_has_no_look_alikes():
    assert not set("0O1IL2Z5S8B6G9") & set(codes.UNAMBIGUOUS)


@pytest.mark.parametrize(
    ("length", "alphabet"),
    [(0, "ACD"), (6, ""), (6, "AAC"), (6, "ACD0"), (6, "acdl")],
)
def test_new_code_refuses_a_bad_length_or_alphabet(length, alphabet):
    with pytest.raises(ValueError):
        codes.new_code(length=length, alphabet=alphabet)
