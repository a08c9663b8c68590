"""The demo's sample data keeps to the seeds it is modelled on."""

from toolkit.core.model import Category as C
from toolkit.data import samples


def test_sample_contract_has_seed_002s_goal_categories():
    """Midtjylland 2019 (seed 002, section 5): goals 1-3 national, 4-7 common ("Fælles mål"),
    8 "Opsøgende indsats" and 9 "Synlighed og samarbejde" under "Regionale målsætninger"."""
    categories = {g["goal_no"]: g["category"] for g in samples.CONTRACT_GOALS}
    assert categories == {
        "1": C.NATIONAL,
        "2": C.NATIONAL,
        "3": C.NATIONAL,
        "4": C.COMMON,
        "5": C.COMMON,
        "6": C.COMMON,
        "7": C.COMMON,
        "8": C.REGIONAL,
        "9": C.REGIONAL,
    }
    titles = {g["goal_no"]: g["title"] for g in samples.CONTRACT_GOALS}
    assert titles["8"] == "Opsøgende indsats" and titles["9"] == "Synlighed og samarbejde"
