/* fmt: French number, percentage and date formatting for the screens.
 * Built by hand rather than with locales: the kiosk must not depend on which
 * locales the Raspberry Pi image happens to have generated. */
#include "vitrine/fmt.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FMT_DIGITS_MAX 24 /* digits of an int64_t (19), with room to spare */

/* Copies s into out (clipped on a UTF-8 boundary); returns the length. */
static size_t put(const char *s, char *out, size_t outsz)
{
    if (!outsz)
        return 0;
    size_t n = strlen(s);
    if (n >= outsz) {
        n = outsz - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* s[n] would start the cut: back off to a lead byte */
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return n;
}

size_t fmt_int(int64_t v, char *out, size_t outsz)
{
    char digits[FMT_DIGITS_MAX], buf[FMT_LEN];
    /* Work on the magnitude as unsigned so INT64_MIN does not overflow. */
    uint64_t mag = v < 0 ? 0U - (uint64_t)v : (uint64_t)v;
    int n = snprintf(digits, sizeof digits, "%" PRIu64, mag);
    size_t o = 0;
    if (v < 0)
        buf[o++] = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(buf + o, FMT_NNBSP, 3);
            o += 3;
        }
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return put(buf, out, outsz);
}

size_t fmt_percent(double ratio, int decimals, char *out, size_t outsz)
{
    char buf[FMT_LEN];
    if (!isfinite(ratio))
        ratio = 0;
    if (decimals <= 0) {
        snprintf(buf, sizeof buf, "%ld" FMT_NBSP "%%", lround(ratio * 100.0));
        return put(buf, out, outsz);
    }
    long tenths = lround(ratio * 1000.0);
    long whole = tenths / 10, frac = labs(tenths % 10);
    const char *sign = tenths < 0 && whole == 0 ? "-" : "";
    if (frac == 0)
        snprintf(buf, sizeof buf, "%s%ld" FMT_NBSP "%%", sign, whole);
    else
        snprintf(buf, sizeof buf, "%s%ld,%ld" FMT_NBSP "%%", sign, whole, frac);
    return put(buf, out, outsz);
}

size_t fmt_euros(int64_t v, char *out, size_t outsz)
{
    char num[FMT_LEN / 2], buf[FMT_LEN];
    fmt_int(v, num, sizeof num);
    snprintf(buf, sizeof buf, "%s" FMT_NBSP "€", num);
    return put(buf, out, outsz);
}

static const char *month_name(int month)
{
    static const char *const names[12] = {"janvier",   "février", "mars",     "avril",
                                          "mai",       "juin",    "juillet",  "août",
                                          "septembre", "octobre", "novembre", "décembre"};
    return month >= 1 && month <= 12 ? names[month - 1] : "";
}

size_t fmt_date(vt_date d, char *out, size_t outsz)
{
    char buf[FMT_LEN];
    int y, m, day;
    if (d == DATE_NONE)
        return put("date inconnue", out, outsz);
    date_to_ymd(d, &y, &m, &day);
    if (day == 1) /* French writes the first of the month as an ordinal */
        snprintf(buf, sizeof buf, "1ᵉʳ %s %d", month_name(m), y);
    else
        snprintf(buf, sizeof buf, "%d %s %d", day, month_name(m), y);
    return put(buf, out, outsz);
}

size_t fmt_day_month(vt_date d, char *out, size_t outsz)
{
    char buf[FMT_LEN];
    int m, day;
    if (d == DATE_NONE)
        return put("date inconnue", out, outsz);
    date_to_ymd(d, NULL, &m, &day);
    if (day == 1)
        snprintf(buf, sizeof buf, "1ᵉʳ %s", month_name(m));
    else
        snprintf(buf, sizeof buf, "%d %s", day, month_name(m));
    return put(buf, out, outsz);
}

size_t fmt_month_year(vt_date d, char *out, size_t outsz)
{
    char buf[FMT_LEN];
    int y, m;
    if (d == DATE_NONE)
        return put("date inconnue", out, outsz);
    date_to_ymd(d, &y, &m, NULL);
    snprintf(buf, sizeof buf, "%s %d", month_name(m), y);
    return put(buf, out, outsz);
}

vt_date fmt_unix_day(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return DATE_NONE;
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
