/* kioskconfig: parses the "kiosk" object into a kioskconfig. Parsing fills
 * a scratch copy and only commits it on success, so a bad file never leaves
 * a half-applied configuration. */
#include "vitrine/kioskconfig.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/fileio.h"
#include "vitrine/log.h"
#include "vitrine/vclock.h"

#define MAX_SLIDE_S 3600
#define MAX_TRANSITION_MS 2000
#define MAX_IDLE_S 86400
#define MAX_SHIFT_PX 32
#define MIN_SHIFT_PERIOD_S 10
#define KEY_LEN 96

static const char *const DAY_NAMES[SCHEDULE_DAYS] = {"mon", "tue", "wed", "thu",
                                                     "fri", "sat", "sun"};

typedef bool (*key_parser)(const cJSON *item, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN]);

static bool fail(char err[KIOSKCONFIG_ERR_LEN], const char *key, const char *why)
{
    snprintf(err, KIOSKCONFIG_ERR_LEN, "kiosk%s%s: %s", *key ? "." : "", key, why);
    return false;
}

/* A number of seconds in [min_s, max_s] as milliseconds. */
static bool seconds_ms(const cJSON *item, double min_s, double max_s, int64_t *out,
                       char err[KIOSKCONFIG_ERR_LEN])
{
    char why[96];
    if (!cJSON_IsNumber(item) || !(item->valuedouble >= min_s && item->valuedouble <= max_s)) {
        snprintf(why, sizeof why, "must be a number of seconds from %g to %g", min_s, max_s);
        return fail(err, item->string ? item->string : "?", why);
    }
    *out = llround(item->valuedouble * VCLOCK_MS_PER_S);
    return true;
}

static bool int_in(const cJSON *item, int min, int max, int *out, char err[KIOSKCONFIG_ERR_LEN])
{
    char why[96];
    double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
    if (!(v >= min && v <= max) || v != floor(v)) {
        snprintf(why, sizeof why, "must be a whole number from %d to %d", min, max);
        return fail(err, item->string, why);
    }
    *out = (int)v;
    return true;
}

static bool p_duration(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return seconds_ms(it, 1, MAX_SLIDE_S, &c->playlist.default_duration_ms, err);
}

static bool p_transition(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    static const char *const names[] = {"none", "fade", "slide"};
    for (int i = 0; cJSON_IsString(it) && i < 3; i++)
        if (strcmp(it->valuestring, names[i]) == 0) {
            c->playlist.transition = (playlist_transition)i;
            return true;
        }
    return fail(err, it->string, "must be \"fade\", \"slide\" or \"none\"");
}

static bool p_transition_ms(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    int ms;
    if (!int_in(it, 0, MAX_TRANSITION_MS, &ms, err))
        return false;
    c->playlist.transition_ms = ms;
    return true;
}

static bool p_resume(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return seconds_ms(it, 1, MAX_IDLE_S, &c->playlist.resume_after_ms, err);
}

static bool p_pause_timeout(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return seconds_ms(it, 0, MAX_IDLE_S, &c->playlist.pause_timeout_ms, err);
}

static bool p_allow_quit(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    if (!cJSON_IsBool(it))
        return fail(err, it->string, "must be true or false");
    c->allow_quit = cJSON_IsTrue(it);
    return true;
}

static bool playlist_item(const cJSON *it, size_t i, playlist_entry *e,
                          char err[KIOSKCONFIG_ERR_LEN])
{
    char key[KEY_LEN];
    const cJSON *name = cJSON_IsObject(it) ? cJSON_GetObjectItemCaseSensitive(it, "slide") : it;
    snprintf(key, sizeof key, "playlist[%zu]%s", i, cJSON_IsObject(it) ? ".slide" : "");
    if (!cJSON_IsString(name) || !name->valuestring[0] ||
        strlen(name->valuestring) >= PLAYLIST_NAME_LEN)
        return fail(err, key, "must be a slide name (a non-empty string, under 64 bytes)");
    *e = (playlist_entry){.enabled = true};
    snprintf(e->name, sizeof e->name, "%s", name->valuestring);
    const cJSON *fields = cJSON_IsObject(it) ? it : NULL;
    const cJSON *field;
    cJSON_ArrayForEach(field, fields)
    {
        snprintf(key, sizeof key, "playlist[%zu].%s", i, field->string);
        if (strcmp(field->string, "duration_s") == 0) {
            if (!cJSON_IsNumber(field) ||
                !(field->valuedouble >= 1 && field->valuedouble <= MAX_SLIDE_S))
                return fail(err, key, "must be a number of seconds from 1 to 3600");
            e->duration_ms = llround(field->valuedouble * VCLOCK_MS_PER_S);
        } else if (strcmp(field->string, "enabled") == 0) {
            if (!cJSON_IsBool(field))
                return fail(err, key, "must be true or false");
            e->enabled = cJSON_IsTrue(field);
        } else if (strcmp(field->string, "slide") != 0) {
            log_warn("config", "kiosk.%s: unknown key, ignored", key);
        }
    }
    return true;
}

static bool p_playlist(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    if (!cJSON_IsArray(it))
        return fail(err, "playlist", "must be an array of slide names or objects");
    size_t n = (size_t)cJSON_GetArraySize(it);
    if (n > PLAYLIST_MAX_SLIDES)
        return fail(err, "playlist", "too many entries (at most 64)");
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, it)
    {
        if (!playlist_item(e, i, &c->playlist.entries[i], err))
            return false;
        i++;
    }
    c->playlist.n_entries = n;
    return true;
}

/* "08:00" -> minutes; "24:00" allowed only as an end. */
static bool parse_hhmm(const char *s, bool is_end, int *out)
{
    int h, m, n = 0;
    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 || m < 0 || m > 59 || h < 0)
        return false;
    *out = h * 60 + m;
    return h < 24 || (is_end && *out == SCHEDULE_MINUTES_PER_DAY);
}

static bool parse_range(const char *s, schedule_range *r)
{
    char start[8], end[8];
    const char *dash = strchr(s, '-');
    if (!dash || dash - s != 5 || strlen(dash + 1) != 5)
        return false;
    snprintf(start, sizeof start, "%.5s", s);
    snprintf(end, sizeof end, "%s", dash + 1);
    return parse_hhmm(start, false, &r->start_min) && parse_hhmm(end, true, &r->end_min) &&
           r->end_min > r->start_min;
}

static int day_index(const char *s, size_t len)
{
    for (int d = 0; d < SCHEDULE_DAYS; d++)
        if (len == 3 && strncmp(s, DAY_NAMES[d], 3) == 0)
            return d;
    return -1;
}

/* "mon", "mon-fri", "sat-sun" (wraps: "fri-mon") -> first and last day. */
static bool parse_days(const char *s, int *first, int *last)
{
    const char *dash = strchr(s, '-');
    *first = day_index(s, dash ? (size_t)(dash - s) : strlen(s));
    *last = dash ? day_index(dash + 1, strlen(dash + 1)) : *first;
    return *first >= 0 && *last >= 0;
}

static bool day_ranges(const cJSON *v, schedule_range out[SCHEDULE_MAX_RANGES], int *n,
                       char key[KEY_LEN], char err[KIOSKCONFIG_ERR_LEN])
{
    static const char why[] = "must be \"HH:MM-HH:MM\" (end after start), \"off\", or an "
                              "array of up to 4 such ranges";
    *n = 0;
    if (cJSON_IsString(v) && strcmp(v->valuestring, "off") == 0)
        return true;
    if (cJSON_IsString(v))
        return parse_range(v->valuestring, &out[(*n)++]) || fail(err, key, why);
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) > SCHEDULE_MAX_RANGES)
        return fail(err, key, why);
    const cJSON *r;
    cJSON_ArrayForEach(r, v)
    {
        if (!cJSON_IsString(r) || !parse_range(r->valuestring, &out[(*n)++]))
            return fail(err, key, why);
    }
    return true;
}

static bool p_schedule(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    if (!cJSON_IsObject(it) || !it->child)
        return fail(err, "schedule",
                    "must be an object of weekdays, e.g. "
                    "{\"mon-fri\": \"08:00-20:00\"}");
    schedule_config *s = &c->schedule;
    memset(s->n_ranges, 0, sizeof s->n_ranges);
    const cJSON *day;
    cJSON_ArrayForEach(day, it)
    {
        char key[KEY_LEN];
        int first, last, n;
        schedule_range ranges[SCHEDULE_MAX_RANGES];
        snprintf(key, sizeof key, "schedule.%s", day->string);
        if (!parse_days(day->string, &first, &last))
            return fail(err, key,
                        "not a weekday (mon, tue, wed, thu, fri, sat, sun) "
                        "or a span of them (mon-fri)");
        if (!day_ranges(day, ranges, &n, key, err))
            return false;
        for (int d = first;; d = (d + 1) % SCHEDULE_DAYS) {
            memcpy(s->ranges[d], ranges, sizeof ranges); /* a later key overrides */
            s->n_ranges[d] = n;
            if (d == last)
                break;
        }
    }
    s->enabled = true;
    return true;
}

static bool p_wake(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return seconds_ms(it, 0, MAX_IDLE_S, &c->schedule.wake_ms, err);
}

static bool p_shift_px(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return int_in(it, 0, MAX_SHIFT_PX, &c->schedule.shift_px, err);
}

static bool p_shift_period(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return seconds_ms(it, MIN_SHIFT_PERIOD_S, MAX_IDLE_S, &c->schedule.shift_period_ms, err);
}

static bool command(const cJSON *it, char out[KIOSKCONFIG_CMD_LEN], char err[KIOSKCONFIG_ERR_LEN])
{
    if (!cJSON_IsString(it) || strlen(it->valuestring) >= KIOSKCONFIG_CMD_LEN)
        return fail(err, it->string, "must be a shell command (a string under 256 bytes)");
    snprintf(out, KIOSKCONFIG_CMD_LEN, "%s", it->valuestring);
    return true;
}

static bool p_off_cmd(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return command(it, c->display_off_cmd, err);
}

static bool p_on_cmd(const cJSON *it, kioskconfig *c, char err[KIOSKCONFIG_ERR_LEN])
{
    return command(it, c->display_on_cmd, err);
}

static const struct {
    const char *key;
    key_parser parse;
} KEYS[] = {
    {"slide_duration_s", p_duration},
    {"transition", p_transition},
    {"transition_ms", p_transition_ms},
    {"resume_after_s", p_resume},
    {"pause_timeout_s", p_pause_timeout},
    {"allow_quit", p_allow_quit},
    {"playlist", p_playlist},
    {"schedule", p_schedule},
    {"wake_on_key_s", p_wake},
    {"burn_in_shift_px", p_shift_px},
    {"burn_in_period_s", p_shift_period},
    {"display_off_command", p_off_cmd},
    {"display_on_command", p_on_cmd},
};

void kioskconfig_defaults(kioskconfig *c)
{
    memset(c, 0, sizeof *c);
    playlist_config_defaults(&c->playlist);
    schedule_config_defaults(&c->schedule);
}

kioskconfig_status kioskconfig_parse(const cJSON *kiosk, kioskconfig *out,
                                     char err[KIOSKCONFIG_ERR_LEN])
{
    err[0] = '\0';
    kioskconfig *c = malloc(sizeof *c);
    if (!c) {
        snprintf(err, KIOSKCONFIG_ERR_LEN, "kiosk: out of memory");
        return KIOSKCONFIG_INVALID;
    }
    kioskconfig_defaults(c);
    bool ok = true;
    if (kiosk && !cJSON_IsObject(kiosk))
        ok = fail(err, "", "must be an object");
    const cJSON *items = ok ? kiosk : NULL;
    const cJSON *item;
    cJSON_ArrayForEach(item, items)
    {
        size_t k = 0;
        while (k < sizeof KEYS / sizeof *KEYS && strcmp(KEYS[k].key, item->string) != 0)
            k++;
        if (k == sizeof KEYS / sizeof *KEYS)
            log_warn("config", "kiosk.%s: unknown key, ignored", item->string);
        else if (!(ok = KEYS[k].parse(item, c, err)))
            break;
    }
    if (ok)
        *out = *c;
    free(c);
    return ok ? KIOSKCONFIG_OK : KIOSKCONFIG_INVALID;
}

kioskconfig_status kioskconfig_load(const char *path, kioskconfig *out,
                                    char err[KIOSKCONFIG_ERR_LEN])
{
    char *buf;
    size_t len;
    char ferr[FILEIO_ERR_LEN];
    if (fileio_read(path, KIOSKCONFIG_MAX_BYTES, &buf, &len, ferr) != FILEIO_OK) {
        snprintf(err, KIOSKCONFIG_ERR_LEN, "%s", ferr);
        return KIOSKCONFIG_INVALID;
    }
    cJSON *root = cJSON_ParseWithLength(buf, len);
    free(buf);
    kioskconfig_status st = KIOSKCONFIG_INVALID;
    char why[KIOSKCONFIG_ERR_LEN];
    if (!cJSON_IsObject(root))
        snprintf(why, sizeof why, "not a JSON object");
    else
        st = kioskconfig_parse(cJSON_GetObjectItemCaseSensitive(root, "kiosk"), out, why);
    if (st != KIOSKCONFIG_OK)
        snprintf(err, KIOSKCONFIG_ERR_LEN, "%.200s: %.300s", path, why);
    cJSON_Delete(root);
    return st;
}
