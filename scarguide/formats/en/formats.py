# Dates as patients in the UK, Ireland, Australia and Hong Kong write them: 1 November 2026.
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
