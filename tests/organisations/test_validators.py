import pytest

from matchmaking.organisations.validators import (
    credit_code_check_char,
    is_valid_credit_code,
    is_valid_mobile,
    is_valid_school_code,
    mask_mobile,
)

# Codes whose check character was computed by hand from GB 32100-2015.
VALID_CODES = ["91511500MA6000001" + credit_code_check_char("91511500MA6000001"), "91350100M000100Y43"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_valid_credit_codes(code):
    assert is_valid_credit_code(code)
    assert is_valid_credit_code(code.lower())  # case is folded


def test_known_published_code_is_valid():
    # 91350100M000100Y43 is the standard's worked example.
    assert credit_code_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19 characters
        "91350100M000100I43",  # I is not in the alphabet
        "9135010OM000100Y43",  # O is not in the alphabet
        "",
        None,
    ],
)
def test_invalid_credit_codes(code):
    assert not is_valid_credit_code(code)


@pytest.mark.parametrize("code", ["4151010641", "4111010001", "4165012345"])
def test_valid_school_codes(code):
    assert is_valid_school_code(code)


@pytest.mark.parametrize(
    "code",
    ["415101064", "41510106411", "3151010641", "4199010641", "4100010641", "41510106a1", "", None],
)
def test_invalid_school_codes(code):
    assert not is_valid_school_code(code)


@pytest.mark.parametrize("phone,ok", [("13912345678", True), ("19912345678", True), ("12912345678", False),
                                      ("1391234567", False), ("139123456789", False), ("+8613912345678", False)])
def test_mobile_numbers(phone, ok):
    assert is_valid_mobile(phone) is ok


def test_mask_mobile():
    assert mask_mobile("13912345678") == "139****5678"
    assert mask_mobile("bad") == "****"
