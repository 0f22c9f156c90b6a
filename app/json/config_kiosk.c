/* config_kiosk: the "kiosk" object of the configuration file, one table of
 * keys (KIOSK_KEYS) for reading and printing it. config.c parses it into a
 * copy of the configuration that is taken only when every key is good, so
 * a bad file never leaves half-applied kiosk settings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_private.h"
#include "vitrine/log.h"

#define MAX_SLIDE_S 3600 /* the ranges of the README's "Kiosk" keys */
#define MAX_TRANSITION_MS 2000
#define MAX_IDLE_S CONFIG_DAY_S
#define MAX_SHIFT_PX 32
#define MIN_SHIFT_PERIOD_S 10
#define HHMM_LEN 5 /* "08:00" */
/* A poster's decoded size: picture.h's PICTURE_MIN_PIXELS..PICTURE_MAX_PIXELS
 * (160 MB decoded at most). The posters' memory: 1 MiB to 4 GiB (32 posters
 * at 3840x2160 take 1 GiB). */
#define MIN_POSTER_PIXELS 100000
#define MAX_POSTER_PIXELS 40000000
#define MIN_POSTERS_BYTES 1048576.0
#define MAX_POSTERS_BYTES 4294967296.0

static const char *const DAY_NAMES[SCHEDULE_DAYS] = {"mon", "tue", "wed", "thu",
                                                     "fri", "sat", "sun"};
static const char *const TRANSITIONS[] = {
    [PLAYLIST_TRANSITION_NONE] = "none",
    [PLAYLIST_TRANSITION_FADE] = "fade",
    [PLAYLIST_TRANSITION_SLIDE] = "slide",
};
#define N_TRANSITIONS (sizeof TRANSITIONS / sizeof *TRANSITIONS)

/* A playlist entry's own keys, besides "slide". */
enum { ENTRY_DURATION, ENTRY_ENABLED };
static const config_key ENTRY_KEYS[] = {
    [ENTRY_DURATION] = {.name = "duration_s",
                        .type = CONFIG_I64,
                        .offset = offsetof(playlist_entry, duration_ms),
                        .min = 1,
                        .max = MAX_SLIDE_S,
                        .seconds = true},
    [ENTRY_ENABLED] = {.name = "enabled",
                       .type = CONFIG_BOOL,
                       .offset = offsetof(playlist_entry, enabled)},
};
#define N_ENTRY_KEYS (sizeof ENTRY_KEYS / sizeof *ENTRY_KEYS)

static bool parse_transition(const config_ctx *x, const cJSON *it, const char *key, void *base)
{
    config_kiosk *k = base;
    for (size_t i = 0; cJSON_IsString(it) && i < N_TRANSITIONS; i++)
        if (strcmp(it->valuestring, TRANSITIONS[i]) == 0) {
            k->playlist.transition = (playlist_transition)i;
            return true;
        }
    return config_fail(x, key, "expected \"fade\", \"slide\" or \"none\"");
}

/* One entry: "name" or {"slide": "name", "duration_s": 20, "enabled": false}. */
static bool playlist_item(const config_ctx *x, const cJSON *it, size_t i, playlist_entry *e)
{
    char key[CONFIG_KEY_LEN];
    const cJSON *name = cJSON_IsObject(it) ? cJSON_GetObjectItemCaseSensitive(it, "slide") : it;
    snprintf(key, sizeof key, "kiosk.playlist[%zu]%s", i, cJSON_IsObject(it) ? ".slide" : "");
    if (!cJSON_IsString(name) || !name->valuestring[0] ||
        strlen(name->valuestring) >= PLAYLIST_NAME_LEN) {
        char what[96];
        snprintf(what, sizeof what, "expected a slide name (a non-empty string under %d bytes)",
                 PLAYLIST_NAME_LEN);
        return config_fail(x, key, what);
    }
    *e = (playlist_entry){.enabled = true};
    snprintf(e->name, sizeof e->name, "%s", name->valuestring);
    const cJSON *fields = cJSON_IsObject(it) ? it : NULL, *field;
    cJSON_ArrayForEach(field, fields)
    {
        snprintf(key, sizeof key, "kiosk.playlist[%zu].%.100s", i, field->string);
        const config_key *k = config_find(ENTRY_KEYS, N_ENTRY_KEYS, field->string);
        if (k && !config_read(x, field, key, k, e))
            return false;
        if (!k && strcmp(field->string, "slide") != 0)
            config_warn_unknown(
                x->origin, key,
                config_closest(field->string, NULL, 0, ENTRY_KEYS, N_ENTRY_KEYS, "slide"));
    }
    return true;
}

static bool parse_playlist(const config_ctx *x, const cJSON *it, const char *key, void *base)
{
    config_kiosk *k = base;
    if (!cJSON_IsArray(it))
        return config_fail(x, key, "expected an array of slide names or objects");
    size_t n = (size_t)cJSON_GetArraySize(it);
    if (n > PLAYLIST_MAX_SLIDES) {
        char what[64];
        snprintf(what, sizeof what, "too many entries (at most %d)", PLAYLIST_MAX_SLIDES);
        return config_fail(x, key, what);
    }
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, it)
    {
        if (!playlist_item(x, e, i, &k->playlist.entries[i]))
            return false;
        i++;
    }
    k->playlist.n_entries = n;
    return true;
}

/* "08:00" -> minutes; "24:00" allowed only as an end. */
static bool parse_hhmm(const char *s, bool is_end, int *out)
{
    int h, m, n = 0;
    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != HHMM_LEN || m < 0 || m > 59 || h < 0)
        return false;
    *out = h * 60 + m;
    return h < 24 || (is_end && *out == SCHEDULE_MINUTES_PER_DAY);
}

static bool parse_range(const char *s, schedule_range *r)
{
    char start[HHMM_LEN + 1], end[HHMM_LEN + 1];
    const char *dash = strchr(s, '-');
    if (!dash || dash - s != HHMM_LEN || strlen(dash + 1) != HHMM_LEN)
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

static bool day_ranges(const config_ctx *x, const cJSON *v, const char *key,
                       schedule_range out[SCHEDULE_MAX_RANGES], int *n)
{
    char why[128];
    snprintf(why, sizeof why,
             "expected \"HH:MM-HH:MM\" (end after start), \"off\", or an array of up to %d "
             "such ranges",
             SCHEDULE_MAX_RANGES);
    *n = 0;
    if (cJSON_IsString(v) && strcmp(v->valuestring, "off") == 0)
        return true;
    if (cJSON_IsString(v))
        return parse_range(v->valuestring, &out[(*n)++]) || config_fail(x, key, why);
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) > SCHEDULE_MAX_RANGES)
        return config_fail(x, key, why);
    const cJSON *r;
    cJSON_ArrayForEach(r, v)
    {
        if (!cJSON_IsString(r) || !parse_range(r->valuestring, &out[(*n)++]))
            return config_fail(x, key, why);
    }
    return true;
}

static bool parse_schedule(const config_ctx *x, const cJSON *it, const char *key, void *base)
{
    config_kiosk *k = base;
    if (!cJSON_IsObject(it) || !it->child)
        return config_fail(x, key,
                           "expected an object of weekdays, e.g. {\"mon-fri\": \"08:00-20:00\"}");
    schedule_config *s = &k->schedule;
    memset(s->ranges, 0, sizeof s->ranges);
    memset(s->n_ranges, 0, sizeof s->n_ranges);
    const cJSON *day;
    cJSON_ArrayForEach(day, it)
    {
        char day_key[CONFIG_KEY_LEN];
        int first, last, n;
        schedule_range ranges[SCHEDULE_MAX_RANGES] = {{0, 0}};
        snprintf(day_key, sizeof day_key, "kiosk.schedule.%.100s", day->string);
        if (!parse_days(day->string, &first, &last))
            return config_fail(x, day_key,
                               "not a weekday (mon, tue, wed, thu, fri, sat, sun) "
                               "or a span of them (mon-fri)");
        if (!day_ranges(x, day, day_key, ranges, &n))
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

static bool print_playlist(cJSON *obj, const char *name, const void *base)
{
    const config_kiosk *k = base;
    const playlist_config *p = &k->playlist;
    cJSON *arr = cJSON_AddArrayToObject(obj, name);
    for (size_t i = 0; arr && i < p->n_entries; i++) {
        const playlist_entry *e = &p->entries[i];
        cJSON *item = cJSON_CreateObject();
        if (!item || !cJSON_AddItemToArray(arr, item)) {
            cJSON_Delete(item);
            return false;
        }
        if (!cJSON_AddStringToObject(item, "slide", e->name) ||
            (e->duration_ms && !config_print(item, &ENTRY_KEYS[ENTRY_DURATION], e)) ||
            !config_print(item, &ENTRY_KEYS[ENTRY_ENABLED], e))
            return false;
    }
    return arr != NULL;
}

static bool print_day(cJSON *sched, int d, const schedule_config *s)
{
    if (s->n_ranges[d] == 0)
        return cJSON_AddStringToObject(sched, DAY_NAMES[d], "off") != NULL;
    cJSON *arr = cJSON_AddArrayToObject(sched, DAY_NAMES[d]);
    for (int i = 0; arr && i < s->n_ranges[d]; i++) {
        const schedule_range *r = &s->ranges[d][i];
        char span[32]; /* "HH:MM-HH:MM", with room for what the compiler cannot rule out */
        snprintf(span, sizeof span, "%02d:%02d-%02d:%02d", r->start_min / 60, r->start_min % 60,
                 r->end_min / 60, r->end_min % 60);
        cJSON *str = cJSON_CreateString(span);
        if (!str || !cJSON_AddItemToArray(arr, str)) {
            cJSON_Delete(str);
            return false;
        }
    }
    return arr != NULL;
}

static bool print_schedule(cJSON *obj, const char *name, const void *base)
{
    const config_kiosk *k = base;
    const schedule_config *s = &k->schedule;
    if (!s->enabled)
        return true; /* no schedule: always on */
    cJSON *sched = cJSON_AddObjectToObject(obj, name);
    for (int d = 0; sched && d < SCHEDULE_DAYS; d++)
        if (!print_day(sched, d, s))
            return false;
    return sched != NULL;
}

static bool print_transition(cJSON *obj, const char *name, const void *base)
{
    const config_kiosk *k = base;
    return cJSON_AddStringToObject(obj, name, TRANSITIONS[k->playlist.transition]) != NULL;
}

/* Every key of the "kiosk" object, in the order of the README's example
 * and of --check-config's output. */
#define PLAYLIST_FIELD(f) (offsetof(config_kiosk, playlist) + offsetof(playlist_config, f))
#define SCHEDULE_FIELD(f) (offsetof(config_kiosk, schedule) + offsetof(schedule_config, f))
#define CUSTOM(n, f)                                                                               \
    {                                                                                              \
        .name = n, .type = CONFIG_CUSTOM, .parse = parse_##f, .print = print_##f                   \
    }
static const config_key KIOSK_KEYS[] = {
    {.name = "slide_duration_s",
     .type = CONFIG_I64,
     .offset = PLAYLIST_FIELD(default_duration_ms),
     .min = 1,
     .max = MAX_SLIDE_S,
     .seconds = true},
    CUSTOM("transition", transition),
    {.name = "transition_ms",
     .type = CONFIG_I64,
     .offset = PLAYLIST_FIELD(transition_ms),
     .min = 0,
     .max = MAX_TRANSITION_MS,
     .whole = true},
    {.name = "resume_after_s",
     .type = CONFIG_I64,
     .offset = PLAYLIST_FIELD(resume_after_ms),
     .min = 1,
     .max = MAX_IDLE_S,
     .seconds = true},
    {.name = "pause_timeout_s",
     .type = CONFIG_I64,
     .offset = PLAYLIST_FIELD(pause_timeout_ms),
     .min = 0,
     .max = MAX_IDLE_S,
     .seconds = true},
    {.name = "allow_quit", .type = CONFIG_BOOL, .offset = offsetof(config_kiosk, allow_quit)},
    CUSTOM("playlist", playlist),
    CUSTOM("schedule", schedule),
    {.name = "wake_on_key_s",
     .type = CONFIG_I64,
     .offset = SCHEDULE_FIELD(wake_ms),
     .min = 0,
     .max = MAX_IDLE_S,
     .seconds = true},
    {.name = "burn_in_shift_px",
     .type = CONFIG_INT,
     .offset = SCHEDULE_FIELD(shift_px),
     .min = 0,
     .max = MAX_SHIFT_PX,
     .whole = true},
    {.name = "burn_in_period_s",
     .type = CONFIG_I64,
     .offset = SCHEDULE_FIELD(shift_period_ms),
     .min = MIN_SHIFT_PERIOD_S,
     .max = MAX_IDLE_S,
     .seconds = true},
    {.name = "display_off_command",
     .type = CONFIG_TEXT,
     .offset = offsetof(config_kiosk, display_off_cmd),
     .size = CONFIG_CMD_LEN},
    {.name = "display_on_command",
     .type = CONFIG_TEXT,
     .offset = offsetof(config_kiosk, display_on_cmd),
     .size = CONFIG_CMD_LEN},
    {.name = "poster_max_pixels",
     .type = CONFIG_I64,
     .offset = offsetof(config_kiosk, poster_max_pixels),
     .min = MIN_POSTER_PIXELS,
     .max = MAX_POSTER_PIXELS,
     .whole = true},
    {.name = "posters_max_bytes",
     .type = CONFIG_I64,
     .offset = offsetof(config_kiosk, posters_max_bytes),
     .min = MIN_POSTERS_BYTES,
     .max = MAX_POSTERS_BYTES,
     .whole = true},
};
#define N_KIOSK_KEYS (sizeof KIOSK_KEYS / sizeof *KIOSK_KEYS)

bool config_parse_kiosk(const config_ctx *x, const cJSON *item, config_kiosk *out)
{
    if (!cJSON_IsObject(item))
        return config_fail(x, "kiosk", "expected an object");
    const cJSON *it;
    cJSON_ArrayForEach(it, item)
    {
        char key[CONFIG_KEY_LEN];
        snprintf(key, sizeof key, "kiosk.%.100s", it->string);
        const config_key *k = config_find(KIOSK_KEYS, N_KIOSK_KEYS, it->string);
        if (!k)
            config_warn_unknown(
                x->origin, key,
                config_closest(it->string, NULL, 0, KIOSK_KEYS, N_KIOSK_KEYS, NULL));
        else if (!config_read(x, it, key, k, out))
            return false;
    }
    return true;
}

bool config_print_kiosk(cJSON *root, const config_kiosk *k)
{
    cJSON *kiosk = cJSON_AddObjectToObject(root, "kiosk");
    bool ok = kiosk != NULL;
    for (size_t i = 0; ok && i < N_KIOSK_KEYS; i++)
        ok = config_print(kiosk, &KIOSK_KEYS[i], k);
    return ok;
}
