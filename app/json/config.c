/* config: the configuration document over built-in defaults. Table-driven:
 * each numeric key has a unit, a range and a field, so validation and
 * printing share one description of the keys (config_kiosk.c holds the
 * kiosk's part). Each part of the file is parsed over a copy and taken back
 * whole when one of its keys is bad. */
#include "config_private.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announcejson.h"
#include "jsonx.h"
#include "vitrine/fileio.h"
#include "vitrine/log.h"
#include "vitrine/parse.h"
#include "vitrine/status.h"
#include "vitrine/text.h"
#include "vitrine/vclock.h"

#define SYSTEM_CONFIG "/etc/vitrine/vitrine.json"
#define LOCAL_CONFIG "vitrine.json"
#define SYSTEM_CACHE "/var/cache/vitrine"
/* A delay of the refresh (int64_t), or a timeout given to curl (long). */
#define SECONDS(n, f, lo, hi)                                                                      \
    {                                                                                              \
        .name = n, .type = CONFIG_I64, .offset = offsetof(config_feed, f), .min = lo, .max = hi,   \
        .seconds = true                                                                            \
    }
#define CURL_SECONDS(n, f, lo, hi)                                                                 \
    {                                                                                              \
        .name = n, .type = CONFIG_LONG, .offset = offsetof(config_feed, f), .min = lo, .max = hi,  \
        .seconds = true                                                                            \
    }
#define COUNT(n, f, lo, hi)                                                                        \
    {                                                                                              \
        .name = n, .type = CONFIG_LONG, .offset = offsetof(config_feed, f), .min = lo, .max = hi   \
    }
static const config_key FEED_KEYS[] = {
    SECONDS("refresh_interval_s", refresh_interval_ms, 10, 7 * CONFIG_DAY_S),
    CURL_SECONDS("connect_timeout_s", connect_timeout_ms, 0.1, 600),
    CURL_SECONDS("timeout_s", timeout_ms, 0.1, 3600),
    COUNT("low_speed_limit_bps", low_speed_limit_bps, 1, 1e9),
    COUNT("low_speed_time_s", low_speed_time_s, 1, 3600),
    COUNT("max_bytes", max_bytes, 1024, (double)PARSE_MAX_BYTES),
    COUNT("min_records_percent", min_records_percent, 0, 100),
    COUNT("min_figure_percent", min_figure_percent, 0, 100),
    SECONDS("retry_min_s", retry_min_ms, 1, CONFIG_DAY_S),
    SECONDS("retry_max_s", retry_max_ms, 1, 7 * CONFIG_DAY_S),
};
#define N_FEED_KEYS (sizeof FEED_KEYS / sizeof *FEED_KEYS)

bool config_fail(const config_ctx *x, const char *key, const char *what)
{
    snprintf(x->err, CONFIG_ERR_LEN, "%.300s: %.100s: %.100s", x->origin, key, what);
    /* Keys come from the file: a control character in one (JSON allows
     * "\n" in a key) must not break the one line an error is. */
    for (char *p = x->err; *p; p++)
        if ((unsigned char)*p < ' ')
            *p = ' ';
    return false;
}

static void consider(const char *name, const char *candidate, const char **best, size_t *best_d)
{
    size_t d = candidate ? text_edit_distance(name, candidate) : SIZE_MAX;
    if (d > 0 && d < *best_d && d <= CONFIG_SUGGEST_EDITS && d < strlen(candidate)) {
        *best = candidate;
        *best_d = d;
    }
}

const char *config_closest(const char *name, const char *const *names, size_t n,
                           const config_key *keys, size_t nk, const char *also)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
        consider(name, names[i], &best, &best_d);
    for (size_t i = 0; i < nk; i++)
        consider(name, keys[i].name, &best, &best_d);
    consider(name, also, &best, &best_d);
    return best;
}

void config_warn_unknown(const char *origin, const char *key, const char *closest)
{
    if (closest)
        log_warn("config", "%s: unknown key '%s' (ignored; did you mean '%s'?)", origin, key,
                 closest);
    else
        log_warn("config", "%s: unknown key '%s' (ignored)", origin, key);
}

const config_key *config_find(const config_key *keys, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

static bool read_number(const config_ctx *x, const cJSON *item, const char *key,
                        const config_key *k, void *field)
{
    double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
    if (!(v >= k->min && v <= k->max) || (k->whole && v != floor(v))) {
        char what[128];
        snprintf(what, sizeof what, "expected a %s from %.15g to %.15g",
                 k->seconds ? "number of seconds"
                 : k->whole ? "whole number"
                            : "number",
                 k->min, k->max);
        return config_fail(x, key, what);
    }
    long long n = llround(k->seconds ? v * VCLOCK_MS_PER_S : v);
    if (k->type == CONFIG_LONG)
        *(long *)field = (long)n;
    else if (k->type == CONFIG_I64)
        *(int64_t *)field = (int64_t)n;
    else
        *(int *)field = (int)n;
    return true;
}

bool config_read(const config_ctx *x, const cJSON *item, const char *key, const config_key *k,
                 void *base)
{
    void *field = (char *)base + k->offset;
    char what[96];
    switch (k->type) {
    case CONFIG_BOOL:
        if (!cJSON_IsBool(item))
            return config_fail(x, key, "expected true or false");
        *(bool *)field = cJSON_IsTrue(item);
        return true;
    case CONFIG_TEXT:
        if (cJSON_IsString(item) && strlen(item->valuestring) < k->size) {
            snprintf(field, k->size, "%s", item->valuestring);
            return true;
        }
        snprintf(what, sizeof what, "expected a string under %zu bytes", k->size);
        return config_fail(x, key, what);
    case CONFIG_CUSTOM: return k->parse(x, item, key, base);
    default: return read_number(x, item, key, k, field);
    }
}

bool config_print(cJSON *obj, const config_key *k, const void *base)
{
    const void *field = (const char *)base + k->offset;
    double v;
    switch (k->type) {
    case CONFIG_BOOL: return cJSON_AddBoolToObject(obj, k->name, *(const bool *)field) != NULL;
    case CONFIG_TEXT: return cJSON_AddStringToObject(obj, k->name, field) != NULL;
    case CONFIG_CUSTOM: return k->print(obj, k->name, base);
    case CONFIG_LONG: v = (double)*(const long *)field; break;
    case CONFIG_I64: v = (double)*(const int64_t *)field; break;
    default: v = (double)*(const int *)field; break;
    }
    return cJSON_AddNumberToObject(obj, k->name, k->seconds ? v / VCLOCK_MS_PER_S : v) != NULL;
}

/* First entry of a colon-separated list, as systemd sets CACHE_DIRECTORY. */
static void first_entry(const char *list, char *out, size_t outsz)
{
    size_t n = strcspn(list, ":");
    snprintf(out, outsz, "%.*s", (int)n, list);
}

static void default_cache_dir(char out[CONFIG_PATH_LEN])
{
    const char *systemd = getenv("CACHE_DIRECTORY");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (systemd && *systemd)
        first_entry(systemd, out, CONFIG_PATH_LEN);
    else if (xdg && *xdg == '/')
        snprintf(out, CONFIG_PATH_LEN, "%.900s/vitrine", xdg);
    else if (home && *home == '/')
        snprintf(out, CONFIG_PATH_LEN, "%.900s/.cache/vitrine", home);
    else
        snprintf(out, CONFIG_PATH_LEN, "%s", SYSTEM_CACHE);
}

static void feed_defaults(feed_id f, config_feed *cf)
{
    cf->refresh_interval_ms = (int64_t)(CONFIG_DEFAULT_REFRESH_S * VCLOCK_MS_PER_S);
    cf->connect_timeout_ms = (long)(CONFIG_DEFAULT_CONNECT_TIMEOUT_S * VCLOCK_MS_PER_S);
    cf->timeout_ms = (long)(CONFIG_DEFAULT_TIMEOUT_S * VCLOCK_MS_PER_S);
    cf->low_speed_limit_bps = CONFIG_DEFAULT_LOW_SPEED_BPS;
    cf->low_speed_time_s = CONFIG_DEFAULT_LOW_SPEED_TIME_S;
    cf->max_bytes =
        f == FEED_STARTUPS ? CONFIG_DEFAULT_MAX_BYTES_STARTUPS : CONFIG_DEFAULT_MAX_BYTES;
    /* The announcements come and go: one left of ten is no collapse. */
    cf->min_records_percent = f == FEED_ANNOUNCEMENTS ? 0 : CONFIG_DEFAULT_MIN_RECORDS_PERCENT;
    cf->min_figure_percent = CONFIG_DEFAULT_MIN_FIGURE_PERCENT;
    cf->retry_min_ms = (int64_t)(CONFIG_DEFAULT_RETRY_MIN_S * VCLOCK_MS_PER_S);
    cf->retry_max_ms = (int64_t)(CONFIG_DEFAULT_RETRY_MAX_S * VCLOCK_MS_PER_S);
    /* The beta.gouv.fr feeds have a public API; the EIG files do not, so
     * their default is the bundled copy (shown with the demo badge). */
    if (f == FEED_STARTUPS || f == FEED_AUTHORS || f == FEED_INCUBATORS) {
        snprintf(cf->url, sizeof cf->url, "%s%s.json", CONFIG_DEFAULT_BETAGOUV_API, feed_name(f));
        cf->url_kind = CONFIG_URL_HTTP;
    }
}

void config_defaults(config *c)
{
    memset(c, 0, sizeof *c);
    default_cache_dir(c->cache_dir);
    status_default_path(c->status_file);
    for (int f = 0; f < FEED_COUNT; f++)
        feed_defaults((feed_id)f, &c->feeds[f]);
    playlist_config_defaults(&c->kiosk.playlist);
    schedule_config_defaults(&c->kiosk.schedule);
    c->kiosk.poster_max_pixels = CONFIG_POSTER_MAX_PIXELS;
    c->kiosk.posters_max_bytes = CONFIG_POSTERS_MAX_BYTES;
}

/* Resolves a relative path against base_dir into out. */
static bool resolve_path(const char *path, const char *base_dir, char out[CONFIG_PATH_LEN])
{
    if (path[0] == '/' || !base_dir || !*base_dir)
        return snprintf(out, CONFIG_PATH_LEN, "%s", path) < CONFIG_PATH_LEN;
    return fileio_join(out, CONFIG_PATH_LEN, base_dir, path);
}

bool config_url_is_http(const char *url)
{
    return url && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0);
}

static bool parse_url(const config_ctx *x, const cJSON *v, const char *key, const char *base_dir,
                      config_feed *cf)
{
    if (!cJSON_IsString(v))
        return config_fail(x, key, "expected a string (http(s) URL, local path or \"\")");
    const char *url = v->valuestring;
    if (strlen(url) >= CONFIG_PATH_LEN)
        return config_fail(x, key, "too long");
    if (!*url) {
        cf->url[0] = '\0';
        cf->url_kind = CONFIG_URL_BUNDLED;
        return true;
    }
    if (config_url_is_http(url)) {
        snprintf(cf->url, sizeof cf->url, "%s", url);
        cf->url_kind = CONFIG_URL_HTTP;
        return true;
    }
    if (strstr(url, "://"))
        return config_fail(x, key, "only http://, https:// or a local path are allowed");
    if (!resolve_path(url, base_dir, cf->url))
        return config_fail(x, key, "path too long");
    cf->url_kind = CONFIG_URL_FILE;
    return true;
}

static bool parse_feed_object(const config_ctx *x, const cJSON *obj, const char *name,
                              const char *base_dir, config_feed *cf)
{
    char key[CONFIG_KEY_LEN];
    snprintf(key, sizeof key, "feeds.%s", name);
    if (!cJSON_IsObject(obj))
        return config_fail(x, key, "expected an object");
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        snprintf(key, sizeof key, "feeds.%s.%.100s", name, it->string);
        const config_key *k = config_find(FEED_KEYS, N_FEED_KEYS, it->string);
        if (strcmp(it->string, "url") == 0) {
            if (!parse_url(x, it, key, base_dir, cf))
                return false;
        } else if (!k) {
            config_warn_unknown(x->origin, key,
                                config_closest(it->string, NULL, 0, FEED_KEYS, N_FEED_KEYS, "url"));
        } else if (!config_read(x, it, key, k, cf)) {
            return false;
        }
    }
    if (cf->retry_max_ms < cf->retry_min_ms) {
        snprintf(key, sizeof key, "feeds.%s.retry_max_s", name);
        return config_fail(x, key, "must not be less than retry_min_s");
    }
    return true;
}

static bool parse_feeds(const config_ctx *x, const cJSON *feeds, const char *base_dir, config *c)
{
    if (!cJSON_IsObject(feeds))
        return config_fail(x, "feeds", "expected an object keyed by feed name");
    const cJSON *it;
    cJSON_ArrayForEach(it, feeds)
    {
        feed_id f;
        if (!feed_by_name(it->string, &f)) {
            const char *names[FEED_COUNT];
            for (int i = 0; i < FEED_COUNT; i++)
                names[i] = feed_name((feed_id)i);
            char key[CONFIG_KEY_LEN];
            snprintf(key, sizeof key, "feeds.%.200s", it->string);
            config_warn_unknown(x->origin, key,
                                config_closest(it->string, names, FEED_COUNT, NULL, 0, NULL));
        } else if (!parse_feed_object(x, it, it->string, base_dir, &c->feeds[f]))
            return false;
    }
    return true;
}

static bool parse_cache_dir(const config_ctx *x, const cJSON *it, const char *base_dir, config *c)
{
    if (!cJSON_IsString(it) || !*it->valuestring)
        return config_fail(x, "cache_dir", "expected a non-empty path");
    if (!resolve_path(it->valuestring, base_dir, c->cache_dir))
        return config_fail(x, "cache_dir", "path too long");
    return true;
}

/* status_file, metrics_file: a path, or "" for none. */
static bool parse_output_file(const config_ctx *x, const cJSON *it, const char *base_dir,
                              char out[CONFIG_PATH_LEN])
{
    if (!cJSON_IsString(it))
        return config_fail(x, it->string, "expected a file path, or \"\" for none");
    if (!*it->valuestring) {
        out[0] = '\0';
        return true;
    }
    if (!resolve_path(it->valuestring, base_dir, out))
        return config_fail(x, it->string, "path too long");
    return true;
}

/* The top-level keys that hold a file path of the feeds' part. */
static char *output_file(config *c, const char *key)
{
    if (strcmp(key, "status_file") == 0)
        return c->status_file;
    return strcmp(key, "metrics_file") == 0 ? c->metrics_file : NULL;
}

/* focus_incubator: an id as the feed spells it, or "" for none. Whether
 * the data knows it is --check-config's question (it needs the data). */
static bool parse_focus(const config_ctx *x, const cJSON *it, char out[CONFIG_ID_LEN])
{
    if (!cJSON_IsString(it))
        return config_fail(x, "focus_incubator", "expected an incubator id (a string), or \"\"");
    const char *id = it->valuestring;
    if (strlen(id) >= CONFIG_ID_LEN)
        return config_fail(x, "focus_incubator", "id too long");
    for (const char *p = id; *p; p++)
        if ((unsigned char)*p <= ' ')
            return config_fail(x, "focus_incubator", "an id has no spaces or control characters");
    snprintf(out, CONFIG_ID_LEN, "%s", id);
    return true;
}

/* announcements: the array of announcejson.h. A bad entry is skipped and
 * counted (the kiosk shows the others; --check-config fails on it); only
 * a value that is not an array makes the kiosk's part invalid. */
static bool parse_announcements(const config_ctx *x, const cJSON *it, config_kiosk *k)
{
    announcejson_report rep;
    if (!announcejson_read(it, x->origin, "announcements", true, &k->announcements, &rep))
        return config_fail(x, "announcements", "expected an array of announcements");
    k->announcements_bad = rep.bad;
    k->announcements_error[0] = '\0';
    if (rep.bad)
        snprintf(k->announcements_error, sizeof k->announcements_error, "%.300s: %.200s", x->origin,
                 rep.first);
    return true;
}

/* posters_dir: a folder (made absolute), or "" for none. Whether it can be
 * read is the kiosk's question, at each scan. */
static bool parse_posters_dir(const config_ctx *x, const cJSON *it, const char *base_dir,
                              char out[CONFIG_PATH_LEN])
{
    if (!cJSON_IsString(it))
        return config_fail(x, "posters_dir", "expected a folder's path, or \"\" for none");
    if (!*it->valuestring) {
        out[0] = '\0';
        return true;
    }
    if (!resolve_path(it->valuestring, base_dir, out))
        return config_fail(x, "posters_dir", "path too long");
    return true;
}

/* The part of the file a top-level key belongs to; 0 for an unknown key. */
static unsigned part_of(const char *key)
{
    if (strcmp(key, "cache_dir") == 0 || strcmp(key, "feeds") == 0 ||
        strcmp(key, "status_file") == 0 || strcmp(key, "metrics_file") == 0)
        return CONFIG_PART_FEEDS;
    /* What the screens show: a bad focus keeps the kiosk's previous settings
     * like any bad kiosk key. */
    static const char *const kiosk[] = {"kiosk", "focus_incubator", "announcements", "posters_dir"};
    for (size_t i = 0; i < sizeof kiosk / sizeof *kiosk; i++)
        if (strcmp(key, kiosk[i]) == 0)
            return CONFIG_PART_KIOSK;
    return 0;
}

/* One top-level key of its part into c. */
static bool parse_key(const config_ctx *x, const cJSON *it, const char *base_dir, config *c)
{
    char *file = output_file(c, it->string);
    if (file)
        return parse_output_file(x, it, base_dir, file);
    if (strcmp(it->string, "cache_dir") == 0)
        return parse_cache_dir(x, it, base_dir, c);
    if (strcmp(it->string, "feeds") == 0)
        return parse_feeds(x, it, base_dir, c);
    if (strcmp(it->string, "focus_incubator") == 0)
        return parse_focus(x, it, c->kiosk.focus_incubator);
    if (strcmp(it->string, "announcements") == 0)
        return parse_announcements(x, it, &c->kiosk);
    if (strcmp(it->string, "posters_dir") == 0)
        return parse_posters_dir(x, it, base_dir, c->kiosk.posters_dir);
    return config_parse_kiosk(x, it, &c->kiosk);
}

/* Copies part from src to dst. */
static void take_part(config *dst, const config *src, unsigned part)
{
    if (part == CONFIG_PART_FEEDS) {
        memcpy(dst->cache_dir, src->cache_dir, sizeof dst->cache_dir);
        memcpy(dst->status_file, src->status_file, sizeof dst->status_file);
        memcpy(dst->metrics_file, src->metrics_file, sizeof dst->metrics_file);
        memcpy(dst->feeds, src->feeds, sizeof dst->feeds);
    } else {
        dst->kiosk = src->kiosk;
    }
}

/* The keys of root into c, part by part: a part with a bad key keeps what
 * c held, the other parts are taken. errs: the first error of each part
 * (feeds, kiosk), *first: the part that failed first. */
static void parse_parts(const char *origin, const cJSON *root, const char *base_dir, config *c,
                        char errs[2][CONFIG_ERR_LEN], unsigned *first)
{
    config next = *c; /* ~15 KiB, parsed into, then taken part by part */
    next.invalid = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, root)
    {
        unsigned part = part_of(it->string);
        if (!part) {
            static const char *const top[] = {"cache_dir",     "status_file", "metrics_file",
                                              "feeds",         "kiosk",       "focus_incubator",
                                              "announcements", "posters_dir"};
            config_warn_unknown(
                origin, it->string,
                config_closest(it->string, top, sizeof top / sizeof *top, NULL, 0, NULL));
            continue;
        }
        if (next.invalid & part)
            continue; /* already bad: its first error is the one to fix */
        config_ctx x = {origin, errs[part == CONFIG_PART_KIOSK]};
        if (!parse_key(&x, it, base_dir, &next)) {
            next.invalid |= part;
            *first = *first ? *first : part;
        }
    }
    for (unsigned part = CONFIG_PART_FEEDS; part <= CONFIG_PART_KIOSK; part <<= 1)
        if (!(next.invalid & part))
            take_part(c, &next, part);
    c->invalid = next.invalid;
}

config_status config_parse(const char *json, size_t len, const char *origin, const char *base_dir,
                           config *c, char err[CONFIG_ERR_LEN])
{
    config_ctx x = {origin, err};
    c->invalid = CONFIG_PART_FEEDS | CONFIG_PART_KIOSK; /* until the document is an object */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, false);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        long off = at && at >= json && at <= json + len ? (long)(at - json) : -1;
        snprintf(err, CONFIG_ERR_LEN, "%.300s: not valid JSON (near byte %ld)", origin, off);
        return CONFIG_INVALID;
    }
    if (!jsonx_mark_nuls(root, json, len)) { /* the announcements refuse a text cut at a NUL */
        snprintf(err, CONFIG_ERR_LEN, "%.300s: out of memory", origin);
        cJSON_Delete(root);
        return CONFIG_NOMEM;
    }
    /* cJSON stops after the value: what follows, but blanks, is refused. */
    while (end && end < json + len && strchr(" \t\r\n", *end)) /* *end == '\0' included */
        end++;
    if (end && end < json + len) {
        snprintf(err, CONFIG_ERR_LEN, "%.300s: trailing content after the JSON object, at byte %ld",
                 origin, (long)(end - json));
        cJSON_Delete(root);
        return CONFIG_INVALID;
    }
    if (!cJSON_IsObject(root)) {
        config_fail(&x, "(top level)", "expected a JSON object");
        cJSON_Delete(root);
        return CONFIG_INVALID;
    }
    char errs[2][CONFIG_ERR_LEN] = {"", ""};
    unsigned first = 0;
    parse_parts(origin, root, base_dir, c, errs, &first);
    cJSON_Delete(root);
    if (!c->invalid)
        return CONFIG_OK;
    /* The first error, and the other part's when both are bad, without its
     * repeated "origin: ". */
    const char *one = errs[first == CONFIG_PART_KIOSK], *other = errs[first != CONFIG_PART_KIOSK];
    size_t skip = strlen(origin) + 2;
    if (*other && strlen(other) > skip)
        snprintf(err, CONFIG_ERR_LEN, "%.250s; %.250s", one, other + skip);
    else
        snprintf(err, CONFIG_ERR_LEN, "%s", one);
    return CONFIG_INVALID;
}

/* Directory part of path ("." for a bare name). */
static void dir_of(const char *path, char out[CONFIG_PATH_LEN])
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, CONFIG_PATH_LEN, ".");
    else if (slash == path)
        snprintf(out, CONFIG_PATH_LEN, "/");
    else
        snprintf(out, CONFIG_PATH_LEN, "%.*s", (int)(slash - path), path);
}

static config_status load_file(const char *path, config *c, char err[CONFIG_ERR_LEN])
{
    char *buf;
    size_t len;
    char ferr[FILEIO_ERR_LEN];
    fileio_status fs = fileio_read(path, CONFIG_MAX_BYTES, &buf, &len, ferr);
    if (fs != FILEIO_OK) {
        snprintf(err, CONFIG_ERR_LEN, "config: %s", ferr);
        c->invalid = CONFIG_PART_FEEDS | CONFIG_PART_KIOSK;
        return fs == FILEIO_NOMEM ? CONFIG_NOMEM : CONFIG_INVALID;
    }
    char base[CONFIG_PATH_LEN], abs_base[PATH_MAX];
    dir_of(path, base);
    if (realpath(base, abs_base) && strlen(abs_base) < sizeof base)
        memcpy(base, abs_base, strlen(abs_base) + 1);
    config_status st = config_parse(buf, len, path, base, c, err);
    free(buf);
    snprintf(c->source, sizeof c->source, "%s", path);
    return st;
}

config_status config_load(const char *path, config *c, char err[CONFIG_ERR_LEN])
{
    config_defaults(c);
    if (path)
        return load_file(path, c, err);
    char candidates[3][CONFIG_PATH_LEN];
    size_t n = 0;
    snprintf(candidates[n++], CONFIG_PATH_LEN, "%s", LOCAL_CONFIG);
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg == '/')
        snprintf(candidates[n++], CONFIG_PATH_LEN, "%.900s/vitrine/vitrine.json", xdg);
    else if (home && *home == '/')
        snprintf(candidates[n++], CONFIG_PATH_LEN, "%.900s/.config/vitrine/vitrine.json", home);
    snprintf(candidates[n++], CONFIG_PATH_LEN, "%s", SYSTEM_CONFIG);
    for (size_t i = 0; i < n; i++)
        if (fileio_exists(candidates[i]))
            return load_file(candidates[i], c, err);
    return CONFIG_OK; /* built-in defaults */
}

static bool print_feed(cJSON *feeds, const char *name, const config_feed *cf)
{
    cJSON *obj = cJSON_AddObjectToObject(feeds, name);
    if (!obj || !cJSON_AddStringToObject(obj, "url", cf->url))
        return false;
    for (size_t i = 0; i < N_FEED_KEYS; i++)
        if (!config_print(obj, &FEED_KEYS[i], cf))
            return false;
    return true;
}

char *config_to_json(const config *c)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root && cJSON_AddStringToObject(root, "cache_dir", c->cache_dir) &&
              cJSON_AddStringToObject(root, "status_file", c->status_file) &&
              cJSON_AddStringToObject(root, "metrics_file", c->metrics_file) &&
              cJSON_AddStringToObject(root, "focus_incubator", c->kiosk.focus_incubator) &&
              cJSON_AddStringToObject(root, "posters_dir", c->kiosk.posters_dir);
    cJSON *announcements = ok ? announcejson_print(&c->kiosk.announcements) : NULL;
    if (announcements && !cJSON_AddItemToObject(root, "announcements", announcements)) {
        cJSON_Delete(announcements); /* not added: still ours */
        announcements = NULL;
    }
    ok = ok && announcements;
    cJSON *feeds = ok ? cJSON_AddObjectToObject(root, "feeds") : NULL;
    ok = ok && feeds;
    for (int f = 0; ok && f < FEED_COUNT; f++)
        ok = print_feed(feeds, feed_name((feed_id)f), &c->feeds[f]);
    ok = ok && config_print_kiosk(root, &c->kiosk);
    char *out = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    return out;
}
