/* French formatting: thousands with U+202F, "72,6 %", dates in words. */
#include <limits.h>
#include <stdint.h>

#include "test.h"
#include "vitrine/fmt.h"

static void groups_thousands_with_narrow_nbsp(void)
{
    char b[FMT_LEN];
    fmt_int(1360, b, sizeof b);
    CHECK_STR(b, "1\xE2\x80\xAF"
                 "360");
    fmt_int(0, b, sizeof b);
    CHECK_STR(b, "0");
    fmt_int(999, b, sizeof b);
    CHECK_STR(b, "999");
    fmt_int(1000000, b, sizeof b);
    CHECK_STR(b, "1" FMT_NNBSP "000" FMT_NNBSP "000");
    fmt_int(-4200, b, sizeof b);
    CHECK_STR(b, "-4" FMT_NNBSP "200");
    /* No overflow on the magnitude of LONG_MIN, whatever the width of long:
     * "-2 147 483 648" on 32-bit ARM, "-9 223 372 036 854 775 808" here. */
    fmt_int(LONG_MIN, b, sizeof b);
    CHECK_STR(b, sizeof(long) == 4 ? "-2" FMT_NNBSP "147" FMT_NNBSP "483" FMT_NNBSP "648"
                                   : "-9" FMT_NNBSP "223" FMT_NNBSP "372" FMT_NNBSP "036" FMT_NNBSP
                                     "854" FMT_NNBSP "775" FMT_NNBSP "808");
}

static void truncates_on_utf8_boundary(void)
{
    char b[3];
    fmt_int(1360, b, sizeof b); /* "1" then a 3-byte separator: cut after "1" */
    CHECK_STR(b, "1");
}

static void percentages_with_comma_and_nbsp(void)
{
    char b[FMT_LEN];
    fmt_percent(0.7256498590667084, 1, b, sizeof b);
    CHECK_STR(b, "72,6" FMT_NBSP "%");
    fmt_percent(0.8, 1, b, sizeof b);
    CHECK_STR(b, "80" FMT_NBSP "%");
    fmt_percent(1.0, 1, b, sizeof b);
    CHECK_STR(b, "100" FMT_NBSP "%");
    fmt_percent(0.333333, 0, b, sizeof b);
    CHECK_STR(b, "33" FMT_NBSP "%");
    fmt_percent(0.0004, 1, b, sizeof b);
    CHECK_STR(b, "0" FMT_NBSP "%");
    fmt_percent(0.0996, 1, b, sizeof b);
    CHECK_STR(b, "10" FMT_NBSP "%");
}

static void euros(void)
{
    char b[FMT_LEN];
    fmt_euros(90000, b, sizeof b);
    CHECK_STR(b, "90" FMT_NNBSP "000" FMT_NBSP "\xE2\x82\xAC");
}

/* The largest budget line local.c takes (10^12 euros) and the largest
 * amount, exact on 32-bit ARM too (where a long stops at 2^31 - 1). */
static void euros_past_2_31(void)
{
    char b[FMT_LEN];
    fmt_euros(INT64_C(1000000000000), b, sizeof b);
    CHECK_STR(b, "1" FMT_NNBSP "000" FMT_NNBSP "000" FMT_NNBSP "000" FMT_NNBSP "000" FMT_NBSP
                 "\xE2\x82\xAC");
    fmt_euros(INT64_C(2147483648), b, sizeof b);
    CHECK_STR(b, "2" FMT_NNBSP "147" FMT_NNBSP "483" FMT_NNBSP "648" FMT_NBSP "\xE2\x82\xAC");
    fmt_int(INT64_MAX, b, sizeof b);
    CHECK_STR(b, "9" FMT_NNBSP "223" FMT_NNBSP "372" FMT_NNBSP "036" FMT_NNBSP "854" FMT_NNBSP
                 "775" FMT_NNBSP "807");
    fmt_int(INT64_MIN, b, sizeof b);
    CHECK_STR(b, "-9" FMT_NNBSP "223" FMT_NNBSP "372" FMT_NNBSP "036" FMT_NNBSP "854" FMT_NNBSP
                 "775" FMT_NNBSP "808");
}

static void dates_in_words(void)
{
    char b[FMT_LEN];
    fmt_date(date_parse("2026-08-20"), b, sizeof b);
    CHECK_STR(b, "20 août 2026");
    fmt_date(date_parse("2024-03-01"), b, sizeof b);
    CHECK_STR(b, "1ᵉʳ mars 2024");
    fmt_day_month(date_parse("2024-03-01"), b, sizeof b);
    CHECK_STR(b, "1ᵉʳ mars");
    fmt_day_month(date_parse("2026-08-20"), b, sizeof b);
    CHECK_STR(b, "20 août");
    fmt_date(date_parse("2023-12-31"), b, sizeof b);
    CHECK_STR(b, "31 décembre 2023");
    fmt_date(DATE_NONE, b, sizeof b);
    CHECK_STR(b, "date inconnue");
    fmt_month_year(date_parse("2024-02-29"), b, sizeof b);
    CHECK_STR(b, "février 2024");
}

static void unix_day_is_local_calendar_day(void)
{
    /* Noon UTC is the same calendar day in every time zone from -11 to +11. */
    CHECK_INT(fmt_unix_day(1787227200), date_parse("2026-08-20")); /* 2026-08-20T12:00Z */
}

/* Past 2038-01-19T03:14:07Z (2^31 - 1 s), where a 32-bit time_t wraps to
 * 1901: a file's date or a fetch time in 2040 is still 2040 (armhf builds
 * with _TIME_BITS=64, CMakeLists.txt). */
static void unix_day_past_2038(void)
{
    char b[FMT_LEN];
    vt_date d = fmt_unix_day(INT64_C(2209032000)); /* 2040-01-01T12:00Z */
    CHECK_INT(d, date_parse("2040-01-01"));
    fmt_date(d, b, sizeof b);
    CHECK_STR(b, "1ᵉʳ janvier 2040");
    CHECK_INT(fmt_unix_day(INT64_C(2147526848)), date_parse("2038-01-19")); /* 2^31 s + 12 h */
    /* A feed's date in 2039, written out. */
    fmt_date(date_parse("2039-06-01"), b, sizeof b);
    CHECK_STR(b, "1ᵉʳ juin 2039");
    fmt_month_year(date_parse("2039-06-01"), b, sizeof b);
    CHECK_STR(b, "juin 2039");
}

int main(void)
{
    RUN(groups_thousands_with_narrow_nbsp);
    RUN(truncates_on_utf8_boundary);
    RUN(percentages_with_comma_and_nbsp);
    RUN(euros);
    RUN(euros_past_2_31);
    RUN(dates_in_words);
    RUN(unix_day_is_local_calendar_day);
    RUN(unix_day_past_2038);
    return test_report();
}
