/* announce: the operator's announcements (the configuration's
 * "announcements" and the announcements feed) as plain data, and when each
 * is on screen. No JSON, no SDL: the json layer fills them, the deck shows
 * them, the kiosk gives the time.
 *
 * Times are local civil minutes (announce_time: minutes since 1970-01-01
 * 00:00 on the wall clock of the screen's time zone), so "from 09:00" is
 * nine o'clock on the lobby's clock whatever the daylight-saving offset. An
 * announcement is shown in [from, to): a date alone as "from" is that day's
 * start, as "to" the end of that day (the next day's start). */
#ifndef VITRINE_ANNOUNCE_H
#define VITRINE_ANNOUNCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitrine/date.h"

#define ANNOUNCE_MAX 16        /* per source (configuration, feed); more are left out, logged */
#define ANNOUNCE_TITLE_LEN 160 /* bytes, NUL included: a longer title is an error */
#define ANNOUNCE_TEXT_LEN 1200 /* bytes, NUL included */
#define ANNOUNCE_URL_LEN 512   /* bytes, NUL included */
#define ANNOUNCE_COLOR_LEN 16  /* a theme poster fill's name ("blue"), NUL included */
#define ANNOUNCE_TIME_LEN                                                                          \
    40 /* "YYYY-MM-DDTHH:MM" + NUL, with room for what the compiler cannot rule out */
#define ANNOUNCE_MAX_DURATION_S 3600
#define ANNOUNCE_MINUTES_PER_DAY 1440

typedef int64_t announce_time; /* local civil minutes since 1970-01-01 00:00 */

typedef struct {
    char title[ANNOUNCE_TITLE_LEN];
    char text[ANNOUNCE_TEXT_LEN];
    char url[ANNOUNCE_URL_LEN];      /* "" when none; else http:// or https:// */
    announce_time from, to;          /* shown while from <= now < to */
    bool from_has_time, to_has_time; /* given as a date-time (else a whole day) */
    int64_t duration_ms;             /* 0: the playlist's default */
    /* The event's own date or date-time (shown large), apart from the
     * window it is displayed in; has_when false: none given. */
    announce_time when;
    bool has_when, when_has_time;
    char color[ANNOUNCE_COLOR_LEN]; /* "" or a fill theme_poster_fill names */
} announce;

typedef struct {
    announce items[ANNOUNCE_MAX];
    size_t n;
} announce_list;

/* The local civil time of unix_s, to the minute (localtime_r). */
announce_time announce_local_time(int64_t unix_s);
announce_time announce_time_at(vt_date day, int minute_of_day);
vt_date announce_day(announce_time t);
int announce_minute_of_day(announce_time t);

/* "YYYY-MM-DD" or a local date-time "YYYY-MM-DDTHH:MM" (also with a space
 * for the T, and ":SS", which is dropped); no time zone. is_end: a date
 * alone means the end of that day. False for anything else. */
bool announce_parse_time(const char *s, bool is_end, announce_time *out, bool *has_time);
/* The inverse, as written in a file: a date alone when !has_time (for an
 * end, the day it ends), else "YYYY-MM-DDTHH:MM". */
void announce_format_time(announce_time t, bool is_end, bool has_time, char out[ANNOUNCE_TIME_LEN]);
/* The day a window's end falls on as a person says it: "to 2026-12-09"
 * ends on the 9th, not at the start of the 10th. */
vt_date announce_last_day(const announce *a);

/* True when a is on screen at now. */
bool announce_active(const announce *a, announce_time now);
/* The first edge of the window [from, to) after now; INT64_MAX when none. */
announce_time announce_edge_after(announce_time from, announce_time to, announce_time now);
/* The first edge (a from or a to) of l after now; INT64_MAX when none. */
announce_time announce_next_edge(const announce_list *l, announce_time now);
/* True for an http:// or https:// url with no space or control character:
 * an announcement never names a local file or anything a program runs. */
bool announce_url_ok(const char *url);

#endif
