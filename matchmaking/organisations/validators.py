"""Checks for Chinese identifiers: 统一社会信用代码, 学校标识码, mainland mobile numbers.

Pure functions so that forms, the importer and the API share one rule each.
"""
import re

#: GB 32100-2015 code alphabet; the value of a character is its index (I, O, S, V, Z unused).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_CREDIT_CODE_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

#: Province-level codes of mainland China (GB/T 2260), the 3rd–4th digits of a 学校标识码
#: (e.g. 41 51 01 0641: "51" is Sichuan).
PROVINCE_CODES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
}

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def credit_code_check_char(first17):
    """The GB 32100-2015 check character for the first 17 characters of a code."""
    total = sum(CREDIT_CODE_ALPHABET.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(value):
    return (value or "").strip().upper()


def is_valid_credit_code(value):
    """True when `value` is an 18-character code whose check character is right."""
    code = normalise_credit_code(value)
    if not _CREDIT_CODE_RE.match(code):
        return False
    return credit_code_check_char(code[:17]) == code[17]


def is_valid_school_code(value):
    """True for a 10-digit 学校标识码 whose province part is a real province code."""
    code = (value or "").strip()
    return len(code) == 10 and code.isdigit() and code[0] == "4" and code[2:4] in PROVINCE_CODES


def is_valid_mobile(value):
    return bool(_MOBILE_RE.match((value or "").strip()))


def mask_mobile(value):
    """139****0001: lists show a contact number without exposing it."""
    value = (value or "").strip()
    if len(value) != 11:
        return "****"
    return value[:3] + "****" + value[-4:]
