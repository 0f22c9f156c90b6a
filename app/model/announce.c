/* announce: civil minutes and announcement windows (announce.h). */
#include "vitrine/announce.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define DATE_LEN 10 /* "YYYY-MM-DD" */

announce_time announce_time_at(vt_date day, int minute_of_day)
{
    return (announce_time)day * ANNOUNCE_MINUTES_PER_DAY + minute_of_day;
}

vt_date announce_day(announce_time t)
{
    announce_time d = t / ANNOUNCE_MINUTES_PER_DAY;
    if (t % ANNOUNCE_MINUTES_PER_DAY < 0)
        d--; /* before 1970: floor, not truncation */
    return (vt_date)d;
}

int announce_minute_of_day(announce_time t)
{
    return (int)(t - (announce_time)announce_day(t) * ANNOUNCE_MINUTES_PER_DAY);
}

announce_time announce_local_time(int64_t unix_s)
{
    time_t t = (time_t)unix_s;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return 0;
    vt_date d = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return announce_time_at(d, tm.tm_hour * 60 + tm.tm_min);
}

/* "HH:MM" or "HH:MM:SS" at s (the rest of the string): minutes. */
static bool parse_clock(const char *s, int *minute)
{
    int h, m, sec, n = 0;
    size_t len = strlen(s);
    if (len == 5 && sscanf(s, "%2d:%2d%n", &h, &m, &n) == 2 && n == 5)
        sec = 0;
    else if (len != 8 || sscanf(s, "%2d:%2d:%2d%n", &h, &m, &sec, &n) != 3 || n != 8)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((i == 2 || i == 5) != (s[i] == ':') || (s[i] != ':' && (s[i] < '0' || s[i] > '9')))
            return false;
    if (h > 23 || m > 59 || sec > 59)
        return false;
    *minute = h * 60 + m;
    return true;
}

bool announce_parse_time(const char *s, bool is_end, announce_time *out, bool *has_time)
{
    if (!s || strlen(s) < DATE_LEN)
        return false;
    char day[DATE_LEN + 1];
    memcpy(day, s, DATE_LEN);
    day[DATE_LEN] = '\0';
    vt_date d = date_parse(day);
    if (d == DATE_NONE || day[4] != '-' || day[7] != '-')
        return false;
    if (s[DATE_LEN] == '\0') {
        *has_time = false;
        *out = announce_time_at(is_end ? d + 1 : d, 0);
        return true;
    }
    int minute;
    if ((s[DATE_LEN] != 'T' && s[DATE_LEN] != ' ') || !parse_clock(s + DATE_LEN + 1, &minute))
        return false;
    *has_time = true;
    *out = announce_time_at(d, minute);
    return true;
}

void announce_format_time(announce_time t, bool is_end, bool has_time, char out[ANNOUNCE_TIME_LEN])
{
    char iso[DATE_ISO_LEN];
    if (!has_time) {
        date_format_iso(announce_day(t) - (is_end ? 1 : 0), iso);
        snprintf(out, ANNOUNCE_TIME_LEN, "%s", iso);
        return;
    }
    int m = announce_minute_of_day(t);
    date_format_iso(announce_day(t), iso);
    snprintf(out, ANNOUNCE_TIME_LEN, "%.10sT%02d:%02d", iso, m / 60, m % 60);
}

vt_date announce_last_day(const announce *a)
{
    /* An end at a day's first minute (a date alone, or 00:00) is the day before's. */
    return announce_minute_of_day(a->to) == 0 ? announce_day(a->to) - 1 : announce_day(a->to);
}

bool announce_active(const announce *a, announce_time now)
{
    return a->from <= now && now < a->to;
}

announce_time announce_edge_after(announce_time from, announce_time to, announce_time now)
{
    return from > now ? from : to > now ? to : INT64_MAX; /* from < to */
}

announce_time announce_next_edge(const announce_list *l, announce_time now)
{
    announce_time next = INT64_MAX;
    for (size_t i = 0; i < l->n; i++) {
        announce_time e = announce_edge_after(l->items[i].from, l->items[i].to, now);
        next = e < next ? e : next;
    }
    return next;
}

bool announce_url_ok(const char *url)
{
    size_t skip = strncasecmp(url, "https://", 8) == 0  ? 8
                  : strncasecmp(url, "http://", 7) == 0 ? 7
                                                        : 0;
    if (!skip || !url[skip] || url[skip] == '/')
        return false; /* a host, then anything: no file:// or bare path */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return false;
    return strlen(url) < ANNOUNCE_URL_LEN;
}
