# Hong Kong writes amounts with a comma every three digits (HK$1,500), not Django's default for
# Traditional Chinese (grouping by ten thousand, no separator). Dates keep Django's 2026年11月1日.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
MONTH_DAY_FORMAT = "n月j日"
