/* announcejson: announcements from JSON, entry by entry (announcejson.h). */
#include "announcejson.h"

#include "config_private.h"
#include "jsonx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/text.h"
#include "vitrine/theme.h"
#include "vitrine/vclock.h"

#define TIME_HELP "expected a date (2026-12-07) or a local date-time (2026-12-07T18:00)"
#define KEY_LEN 96

static const char *const KEYS[] = {"title", "text",       "from", "to",
                                   "url",   "duration_s", "when", "color"};
#define N_KEYS (sizeof KEYS / sizeof *KEYS)

typedef struct {
    char *err; /* ANNOUNCEJSON_ERR_LEN */
    const char *key;
    size_t index;
} entry_ctx;

static bool fail(const entry_ctx *x, const char *field, const char *what)
{
    snprintf(x->err, ANNOUNCEJSON_ERR_LEN, "%.40s[%zu]%s%.40s: %.160s", x->key, x->index,
             *field ? "." : "", field, what);
    return false;
}

/* A string field into out (cleaned, trimmed); required: not blank. */
static bool read_text(const entry_ctx *x, const cJSON *obj, const char *field, bool required,
                      char *out, size_t outsz)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    *out = '\0';
    if (!v && !required)
        return true;
    if (!cJSON_IsString(v))
        return fail(x, field, required ? "expected a string" : "expected a string, or no key");
    if (jsonx_held_nul(v))
        return fail(x, field, "holds a NUL character (\\u0000), where the text would be cut");
    size_t len = strlen(v->valuestring);
    if (len >= outsz) {
        char what[64];
        snprintf(what, sizeof what, "too long (%zu bytes, at most %zu)", len, outsz - 1);
        return fail(x, field, what);
    }
    text_clean(v->valuestring, len, out, outsz);
    text_trim(out, out, outsz);
    if (required && !*out)
        return fail(x, field, "expected a non-empty string");
    return true;
}

static bool read_time(const entry_ctx *x, const cJSON *obj, const char *field, bool is_end,
                      announce_time *out, bool *has_time)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsString(v) || !announce_parse_time(v->valuestring, is_end, out, has_time))
        return fail(x, field, v ? TIME_HELP : "missing: " TIME_HELP);
    return true;
}

static bool read_duration(const entry_ctx *x, const cJSON *obj, int64_t *ms)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "duration_s");
    *ms = 0;
    if (!v)
        return true;
    double s = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (!(s >= 1 && s <= ANNOUNCE_MAX_DURATION_S)) {
        char what[64];
        snprintf(what, sizeof what, "expected a number of seconds from 1 to %d",
                 ANNOUNCE_MAX_DURATION_S);
        return fail(x, "duration_s", what);
    }
    *ms = llround(s * VCLOCK_MS_PER_S);
    return true;
}

/* The event's own date, optional: "when" (not the display window). */
static bool read_when(const entry_ctx *x, const cJSON *obj, announce *a)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "when");
    if (!v)
        return true;
    if (!cJSON_IsString(v) ||
        !announce_parse_time(v->valuestring, false, &a->when, &a->when_has_time))
        return fail(x, "when", "the event's date: " TIME_HELP);
    a->has_when = true;
    return true;
}

/* The poster's fill, optional: one of the theme's names. */
static bool read_color(const entry_ctx *x, const cJSON *obj, announce *a)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "color");
    theme_role role;
    if (!v)
        return true;
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= sizeof a->color ||
        !theme_poster_fill(v->valuestring, &role))
        return fail(x, "color", "expected one of the theme's colours: " THEME_POSTER_NAMES);
    snprintf(a->color, sizeof a->color, "%s", v->valuestring);
    return true;
}

/* The configuration's warning for an unknown key, with its closest name. */
static void warn_unknown(const char *origin, const entry_ctx *x, const char *name)
{
    char key[KEY_LEN + ANNOUNCEJSON_ERR_LEN / 4];
    snprintf(key, sizeof key, "%.40s[%zu].%.*s", x->key, x->index, KEY_LEN, name);
    config_warn_unknown(origin, key, config_closest(name, KEYS, N_KEYS, NULL, 0, NULL));
}

static bool read_entry(const entry_ctx *x, const cJSON *it, announce *a)
{
    memset(a, 0, sizeof *a);
    if (!cJSON_IsObject(it))
        return fail(x, "", "expected an object {\"title\", \"text\", \"from\", \"to\"}");
    if (!read_text(x, it, "title", true, a->title, sizeof a->title) ||
        !read_text(x, it, "text", false, a->text, sizeof a->text) ||
        !read_time(x, it, "from", false, &a->from, &a->from_has_time) ||
        !read_time(x, it, "to", true, &a->to, &a->to_has_time) ||
        !read_text(x, it, "url", false, a->url, sizeof a->url) ||
        !read_duration(x, it, &a->duration_ms) || !read_when(x, it, a) || !read_color(x, it, a))
        return false;
    if (!cJSON_GetObjectItemCaseSensitive(it, "text"))
        return fail(x, "text", "missing: expected a string (\"\" for a title alone)");
    if (a->to <= a->from)
        return fail(x, "to", "the window ends before it starts (\"to\" is before \"from\")");
    if (*a->url && !announce_url_ok(a->url))
        return fail(x, "url", "expected an http:// or https:// address (no spaces)");
    return true;
}

bool announcejson_read(const cJSON *arr, const char *origin, const char *key, bool log_each,
                       announce_list *out, announcejson_report *rep)
{
    memset(rep, 0, sizeof *rep);
    out->n = 0;
    if (!cJSON_IsArray(arr)) {
        snprintf(rep->first, sizeof rep->first, "%.40s: expected an array of announcements", key);
        return false;
    }
    size_t index = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        char err[ANNOUNCEJSON_ERR_LEN];
        entry_ctx x = {err, key, index++};
        announce a;
        if (!read_entry(&x, it, &a)) {
            if (rep->bad++ == 0)
                snprintf(rep->first, sizeof rep->first, "%s", err);
            if (log_each)
                log_warn("config", "%s: %s; this announcement is skipped", origin, err);
            continue;
        }
        const cJSON *field, *fields = log_each ? it : NULL;
        cJSON_ArrayForEach(field, fields)
        {
            bool known = false;
            for (size_t i = 0; i < N_KEYS; i++)
                known |= strcmp(field->string, KEYS[i]) == 0;
            if (!known)
                warn_unknown(origin, &x, field->string);
        }
        if (out->n == ANNOUNCE_MAX) {
            rep->left_out++;
            continue;
        }
        out->items[out->n++] = a;
    }
    if (rep->left_out && origin)
        log_warn("config", "%s: %s: %zu announcement(s) beyond the first %d left out", origin, key,
                 rep->left_out, ANNOUNCE_MAX);
    else if (rep->left_out) /* the feed, which has no file of its own to name */
        log_warn("feeds", "[%s] %zu announcement(s) beyond the first %d left out", key,
                 rep->left_out, ANNOUNCE_MAX);
    return true;
}

static bool print_entry(cJSON *arr, const announce *a)
{
    char from[ANNOUNCE_TIME_LEN], to[ANNOUNCE_TIME_LEN], when[ANNOUNCE_TIME_LEN];
    announce_format_time(a->when, false, a->when_has_time, when);
    announce_format_time(a->from, false, a->from_has_time, from);
    announce_format_time(a->to, true, a->to_has_time, to);
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        return false;
    }
    return cJSON_AddStringToObject(o, "title", a->title) &&
           cJSON_AddStringToObject(o, "text", a->text) &&
           cJSON_AddStringToObject(o, "from", from) && cJSON_AddStringToObject(o, "to", to) &&
           (!*a->url || cJSON_AddStringToObject(o, "url", a->url)) &&
           (!a->duration_ms ||
            cJSON_AddNumberToObject(o, "duration_s", (double)a->duration_ms / VCLOCK_MS_PER_S)) &&
           (!a->has_when || cJSON_AddStringToObject(o, "when", when)) &&
           (!*a->color || cJSON_AddStringToObject(o, "color", a->color));
}

cJSON *announcejson_print(const announce_list *l)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < l->n; i++)
        if (!print_entry(arr, &l->items[i])) {
            cJSON_Delete(arr);
            return NULL;
        }
    return arr;
}
