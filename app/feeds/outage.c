/* outage: a feed's run of failures, said in a few journal lines. */
#include "outage.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DAY_S 86400

void outage_init(outage *o, int64_t summary_s)
{
    memset(o, 0, sizeof *o);
    o->summary_s = summary_s > 0 ? summary_s : OUTAGE_SUMMARY_S;
}

/* The start of a run of digits that is not an HTTP status ("HTTP 500"):
 * a run that is one is compared digit by digit. */
static bool counted(const char *s, const char *at)
{
    return isdigit((unsigned char)*at) && (at == s || !isdigit((unsigned char)at[-1])) &&
           !(at - s >= 5 && strncmp(at - 5, "HTTP ", 5) == 0);
}

/* The same cause, numbers aside (a timeout's milliseconds, a port, a size). */
static bool same_cause(const char *a, const char *b)
{
    const char *p = a, *q = b;
    while (*p && *q) {
        if (counted(a, p) && counted(b, q)) {
            while (isdigit((unsigned char)*p))
                p++;
            while (isdigit((unsigned char)*q))
                q++;
            continue;
        }
        if (*p++ != *q++)
            return false;
    }
    return *p == *q;
}

outage_news outage_failed(outage *o, const char *why, int64_t now_s)
{
    o->attempts++;
    outage_news news = OUTAGE_QUIET;
    if (!o->since) {
        o->since = now_s ? now_s : 1;
        news = OUTAGE_STARTS;
    } else if (!same_cause(o->cause, why)) {
        news = OUTAGE_NEW_CAUSE;
    } else if (now_s - o->said_at >= o->summary_s) {
        news = OUTAGE_SUMMARY;
    }
    if (news != OUTAGE_QUIET)
        o->said_at = now_s;
    snprintf(o->cause, sizeof o->cause, "%s", why);
    return news;
}

void outage_since(const outage *o, int64_t now_s, char *out, size_t outsz)
{
    time_t t = (time_t)o->since;
    struct tm tm;
    size_t n = 0;
    if (localtime_r(&t, &tm))
        n = now_s - o->since >= DAY_S ? strftime(out, outsz, "%Y-%m-%d %H:%M", &tm)
                                      : strftime(out, outsz, "%H:%M", &tm);
    if (!n)
        snprintf(out, outsz, "?");
}

bool outage_ended(outage *o, int64_t now_s, char *out, size_t outsz)
{
    if (!o->since)
        return false;
    int64_t d = now_s > o->since ? now_s - o->since : 0;
    if (d < 60)
        snprintf(out, outsz, "%lld s", (long long)d);
    else if (d < 3600)
        snprintf(out, outsz, "%lld min", (long long)(d / 60));
    else if (d < DAY_S)
        snprintf(out, outsz, "%lld h %02lld min", (long long)(d / 3600),
                 (long long)(d % 3600 / 60));
    else
        snprintf(out, outsz, "%lld d %lld h", (long long)(d / DAY_S),
                 (long long)(d % DAY_S / 3600));
    outage_init(o, o->summary_s);
    return true;
}

int64_t outage_summary_from_env(void)
{
    const char *v = getenv(OUTAGE_SUMMARY_ENV);
    char *end;
    long s = v ? strtol(v, &end, 10) : 0;
    return v && *v && !*end && s >= 1 && s <= DAY_S ? s : OUTAGE_SUMMARY_S;
}
