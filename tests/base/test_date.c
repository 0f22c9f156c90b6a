/* Calendar arithmetic: parsing, impossible dates, round trips. */
#include <stdint.h>

#include "test.h"
#include "vitrine/date.h"

static void parses_plain_and_iso_prefix(void)
{
    CHECK_INT(date_parse("1970-01-01"), 0);
    CHECK_INT(date_parse("1970-01-02"), 1);
    CHECK_INT(date_parse("1969-12-31"), -1);
    CHECK_INT(date_parse("2026-08-20T11:22:29+02:00"), date_parse("2026-08-20"));
    CHECK_INT(date_parse("2026-08-20 10:00"), date_parse("2026-08-20"));
    CHECK_INT(date_parse("2000-03-01") - date_parse("2000-02-28"), 2); /* leap century */
    CHECK_INT(date_parse("1900-03-01") - date_parse("1900-02-28"), 1); /* not leap */
}

static void rejects_impossible_dates(void)
{
    const char *bad[] = {"",           "2023",       "2023-02-30", "2023-13-01", "2023-00-10",
                         "2023-1-01",  "2023/01/01", "20230101",   "abcd-ef-gh", "2023-01-011",
                         "0000-01-01", "2021-02-29", "2023-04-31", "-023-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK_INT(date_parse(bad[i]), DATE_NONE);
    CHECK_INT(date_parse(NULL), DATE_NONE);
    CHECK(date_parse("2024-02-29") != DATE_NONE);
}

static void round_trips(void)
{
    for (vt_date d = date_parse("1899-01-01"); d < date_parse("2101-01-01"); d += 17) {
        char iso[DATE_ISO_LEN];
        date_format_iso(d, iso);
        CHECK_INT(date_parse(iso), d);
    }
    char iso[DATE_ISO_LEN];
    date_format_iso(date_parse("2026-08-20"), iso);
    CHECK_STR(iso, "2026-08-20");
    CHECK_INT(date_year(date_parse("2019-12-31")), 2019);
}

/* Past 2038-01-19T03:14:07Z, where a 32-bit time_t wraps: the local date
 * of a unix time in 2040, and a feed's date in 2039 round-tripped, on armhf
 * too (_TIME_BITS=64, CMakeLists.txt). Noon UTC: the same day from -11 to
 * +11 whatever the machine's time zone. */
static void past_2038(void)
{
    CHECK_INT(date_local(INT64_C(2209032000)), date_parse("2040-01-01")); /* 12:00Z */
    CHECK_INT(date_local(INT64_C(2147526848)), date_parse("2038-01-19")); /* 2^31 s + 12 h */
    CHECK_INT(date_parse("2040-01-01") - date_parse("1970-01-01"), 2208988800 / 86400);
    vt_date d = date_parse("2039-06-01T08:00:00+02:00");
    CHECK(d != DATE_NONE);
    char iso[DATE_ISO_LEN];
    date_format_iso(d, iso);
    CHECK_STR(iso, "2039-06-01");
    CHECK_INT(date_year(d), 2039);
    CHECK_INT(date_local((int64_t)d * 86400 + 43200), d); /* its noon, as unix seconds */
}

int main(void)
{
    RUN(parses_plain_and_iso_prefix);
    RUN(rejects_impossible_dates);
    RUN(round_trips);
    RUN(past_2038);
    return test_report();
}
