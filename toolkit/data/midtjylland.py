"""Midtjylland's 2019 base-grant split: the key (population 1 January 2018) and the published table."""

from __future__ import annotations

import datetime as dt

# The hub's base grant 2019 in thousand DKK, billed as whole thousands per month for 12 months.
BASE_GRANT_2019 = 36_792
BILLING_PERIODS = 12
KEY_DATE = dt.date(2018, 1, 1)

# Population on 1 January 2018 by municipality of residence.
# Source: Statistics Denmark, table FOLK1A, quarter 2018K1, all ages, both sexes. Taken from a public
# copy retrieved through the Statbank API (github.com/pryn-kb/isds2023, Feature_data/population_data.csv);
# consistency checks: Denmark 5,781,190 and Region Midtjylland 1,313,596 (the sum below) are the
# published FOLK1A totals. Not re-read from Statbank itself, so: verified against one public copy.
# With these figures allocate(36792, POPULATION_2018, periods=12) reproduces PUBLISHED_2019 exactly
# (largest remainder on the monthly 3,066 thousand; rounding each share on its own gives Aarhus
# 795 x 12 and a total 12 too high).
POPULATION_2018: dict[str, int] = {
    "Horsens": 89_598,
    "Herning": 88_733,
    "Holstebro": 58_418,
    "Lemvig": 20_133,
    "Struer": 21_270,
    "Syddjurs": 42_468,
    "Norddjurs": 38_197,
    "Favrskov": 48_271,
    "Odder": 22_626,
    "Randers": 98_265,
    "Silkeborg": 92_024,
    "Samsø": 3_720,
    "Skanderborg": 61_158,
    "Aarhus": 340_421,
    "Ikast-Brande": 41_191,
    "Ringkøbing-Skjern": 57_005,
    "Hedensted": 46_616,
    "Skive": 46_599,
    "Viborg": 96_883,
}

# The published split in thousand DKK (results contract 2019, section 6, seed 002).
PUBLISHED_2019: dict[str, int] = {
    "Horsens": 2_508,
    "Herning": 2_484,
    "Holstebro": 1_632,
    "Lemvig": 564,
    "Struer": 600,
    "Syddjurs": 1_188,
    "Norddjurs": 1_068,
    "Favrskov": 1_356,
    "Odder": 636,
    "Randers": 2_748,
    "Silkeborg": 2_580,
    "Samsø": 108,
    "Skanderborg": 1_716,
    "Aarhus": 9_528,
    "Ikast-Brande": 1_152,
    "Ringkøbing-Skjern": 1_596,
    "Hedensted": 1_308,
    "Skive": 1_308,
    "Viborg": 2_712,
}
