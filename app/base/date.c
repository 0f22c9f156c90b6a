/* date: day numbers <-> civil dates (algorithms from H. Hinnant's
 * "chrono-compatible low-level date algorithms"), exact for any year. */
#include "vitrine/date.h"

#include <string.h>
#include <time.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

vt_date date_from_ymd(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return DATE_NONE;
    y -= m <= 2;
    const int era = y / 400; /* y >= 0 here */
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(vt_date z, int *year, int *month, int *day)
{
    long zz = (long)z + 719468;
    const long era = (zz >= 0 ? zz : zz - 146096) / 146097;
    const long doe = zz - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    if (year)
        *year = (int)(yoe + era * 400 + (m <= 2));
    if (month)
        *month = (int)m;
    if (day)
        *day = (int)d;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

vt_date date_parse(const char *s)
{
    if (!s)
        return DATE_NONE;
    for (int i = 0; i < 10; i++)
        if (!s[i])
            return DATE_NONE;
    if (s[4] != '-' || s[7] != '-')
        return DATE_NONE;
    /* A longer ISO string continues with 'T' or a blank, not more digits. */
    if (s[10] >= '0' && s[10] <= '9')
        return DATE_NONE;
    const int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0)
        return DATE_NONE;
    return date_from_ymd(y, m, d);
}

int date_year(vt_date d)
{
    int y;
    date_to_ymd(d, &y, NULL, NULL);
    return y;
}

void date_format_iso(vt_date d, char out[DATE_ISO_LEN])
{
    int y, m, dd;
    if (d == DATE_NONE) {
        memcpy(out, "none", 5);
        return;
    }
    date_to_ymd(d, &y, &m, &dd);
    /* By hand: years are 1..9999 by construction, and this keeps the
     * compiler's truncation analysis quiet without a cast dance. */
    const int parts[3] = {y, m, dd}, widths[3] = {4, 2, 2};
    char *p = out;
    for (int i = 0; i < 3; i++) {
        int v = parts[i] < 0 ? 0 : parts[i];
        for (int w = widths[i] - 1; w >= 0; w--, v /= 10)
            p[w] = (char)('0' + v % 10);
        p += widths[i];
        *p++ = i < 2 ? '-' : '\0';
    }
}

vt_date date_today(void)
{
    return date_local((int64_t)time(NULL));
}

vt_date date_local(int64_t unix_s)
{
    time_t t = (time_t)unix_s;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return date_from_ymd(1970, 1, 1);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
