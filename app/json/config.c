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

#include "vitrine/fileio.h"
#include "vitrine/log.h"
#include "vitrine/parse.h"
#include "vitrine/vclock.h"

#define SYSTEM_CONFIG "/etc/vitrine/vitrine.json"
#define LOCAL_CONFIG "vitrine.json"
#define SYSTEM_CACHE "/var/cache/vitrine"
#define DAY_S 86400.0

#define FEED_FIELD(f) offsetof(config_feed, f)
static const config_number FEED_KEYS[] = {
    {"refresh_interval_s", 10, 7 * DAY_S, true, false, CONFIG_FIELD_LONG,
     FEED_FIELD(refresh_interval_ms)},
    {"connect_timeout_s", 0.1, 600, true, false, CONFIG_FIELD_LONG, FEED_FIELD(connect_timeout_ms)},
    {"timeout_s", 0.1, 3600, true, false, CONFIG_FIELD_LONG, FEED_FIELD(timeout_ms)},
    {"low_speed_limit_bps", 1, 1e9, false, false, CONFIG_FIELD_LONG,
     FEED_FIELD(low_speed_limit_bps)},
    {"low_speed_time_s", 1, 3600, false, false, CONFIG_FIELD_LONG, FEED_FIELD(low_speed_time_s)},
    {"max_bytes", 1024, (double)PARSE_MAX_BYTES, false, false, CONFIG_FIELD_LONG,
     FEED_FIELD(max_bytes)},
    {"retry_min_s", 1, DAY_S, true, false, CONFIG_FIELD_LONG, FEED_FIELD(retry_min_ms)},
    {"retry_max_s", 1, 7 * DAY_S, true, false, CONFIG_FIELD_LONG, FEED_FIELD(retry_max_ms)},
};
#define N_FEED_KEYS (sizeof FEED_KEYS / sizeof *FEED_KEYS)

bool config_fail(const config_ctx *x, const char *key, const char *what)
{
    snprintf(x->err, CONFIG_ERR_LEN, "%.300s: %.100s: %.100s", x->origin, key, what);
    return false;
}

/* The k of keys[0..n) named name; NULL when none. */
static const config_number *find_number(const config_number *keys, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

bool config_read_number(const config_ctx *x, const cJSON *item, const char *key,
                        const config_number *k, void *base)
{
    double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
    if (!(v >= k->min && v <= k->max) || (k->whole && v != floor(v))) {
        char what[128];
        snprintf(what, sizeof what, "expected a %s from %g to %g",
                 k->seconds ? "number of seconds"
                 : k->whole ? "whole number"
                            : "number",
                 k->min, k->max);
        return config_fail(x, key, what);
    }
    long long n = llround(k->seconds ? v * VCLOCK_MS_PER_S : v);
    void *field = (char *)base + k->offset;
    switch (k->field) {
    case CONFIG_FIELD_LONG: *(long *)field = (long)n; break;
    case CONFIG_FIELD_I64: *(int64_t *)field = (int64_t)n; break;
    case CONFIG_FIELD_INT: *(int *)field = (int)n; break;
    }
    return true;
}

bool config_print_number(cJSON *obj, const config_number *k, const void *base)
{
    const void *field = (const char *)base + k->offset;
    double v = k->field == CONFIG_FIELD_LONG  ? (double)*(const long *)field
               : k->field == CONFIG_FIELD_I64 ? (double)*(const int64_t *)field
                                              : (double)*(const int *)field;
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
    cf->refresh_interval_ms = (long)(CONFIG_DEFAULT_REFRESH_S * VCLOCK_MS_PER_S);
    cf->connect_timeout_ms = (long)(CONFIG_DEFAULT_CONNECT_TIMEOUT_S * VCLOCK_MS_PER_S);
    cf->timeout_ms = (long)(CONFIG_DEFAULT_TIMEOUT_S * VCLOCK_MS_PER_S);
    cf->low_speed_limit_bps = CONFIG_DEFAULT_LOW_SPEED_BPS;
    cf->low_speed_time_s = CONFIG_DEFAULT_LOW_SPEED_TIME_S;
    cf->max_bytes = CONFIG_DEFAULT_MAX_BYTES;
    cf->retry_min_ms = (long)(CONFIG_DEFAULT_RETRY_MIN_S * VCLOCK_MS_PER_S);
    cf->retry_max_ms = (long)(CONFIG_DEFAULT_RETRY_MAX_S * VCLOCK_MS_PER_S);
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
    for (int f = 0; f < FEED_COUNT; f++)
        feed_defaults((feed_id)f, &c->feeds[f]);
    playlist_config_defaults(&c->kiosk.playlist);
    schedule_config_defaults(&c->kiosk.schedule);
}

/* Resolves a relative path against base_dir into out. */
static bool resolve_path(const char *path, const char *base_dir, char out[CONFIG_PATH_LEN])
{
    if (path[0] == '/' || !base_dir || !*base_dir)
        return snprintf(out, CONFIG_PATH_LEN, "%s", path) < CONFIG_PATH_LEN;
    return fileio_join(out, CONFIG_PATH_LEN, base_dir, path);
}

static bool has_scheme(const char *url, const char *scheme)
{
    return strncmp(url, scheme, strlen(scheme)) == 0;
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
    if (has_scheme(url, "http://") || has_scheme(url, "https://")) {
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
        const config_number *k = find_number(FEED_KEYS, N_FEED_KEYS, it->string);
        if (strcmp(it->string, "url") == 0) {
            if (!parse_url(x, it, key, base_dir, cf))
                return false;
        } else if (!k) {
            log_warn("config", "%s: unknown key '%s' (ignored)", x->origin, key);
        } else if (!config_read_number(x, it, key, k, cf)) {
            return false;
        }
    }
    if (cf->retry_max_ms < cf->retry_min_ms) {
        snprintf(key, sizeof key, "feeds.%s.retry_max_s", name);
        return config_fail(x, key, "must not be less than retry_min_s");
    }
    return true;
}

static int feed_by_name(const char *name)
{
    for (int f = 0; f < FEED_COUNT; f++)
        if (strcmp(feed_name((feed_id)f), name) == 0)
            return f;
    return -1;
}

static bool parse_feeds(const config_ctx *x, const cJSON *feeds, const char *base_dir, config *c)
{
    if (!cJSON_IsObject(feeds))
        return config_fail(x, "feeds", "expected an object keyed by feed name");
    const cJSON *it;
    cJSON_ArrayForEach(it, feeds)
    {
        int f = feed_by_name(it->string);
        if (f < 0)
            log_warn("config", "%s: unknown key 'feeds.%s' (ignored)", x->origin, it->string);
        else if (!parse_feed_object(x, it, it->string, base_dir, &c->feeds[f]))
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

/* The feeds' part of c, what a bad key in it takes back. */
typedef struct {
    char cache_dir[CONFIG_PATH_LEN];
    config_feed feeds[FEED_COUNT];
} feeds_part;

static void save_feeds(const config *c, feeds_part *p)
{
    memcpy(p->cache_dir, c->cache_dir, sizeof p->cache_dir);
    memcpy(p->feeds, c->feeds, sizeof p->feeds);
}

static void restore_feeds(config *c, const feeds_part *p)
{
    memcpy(c->cache_dir, p->cache_dir, sizeof c->cache_dir);
    memcpy(c->feeds, p->feeds, sizeof c->feeds);
}

/* Parses one top-level key; on a bad one the first error is kept (x->err)
 * and its part marked invalid, and parsing goes on with the other keys. */
static void parse_key(const config_ctx *x, const cJSON *it, const char *base_dir, config *c)
{
    char scratch[CONFIG_ERR_LEN];
    config_ctx local = {x->origin, c->invalid ? scratch : x->err};
    bool ok = true;
    unsigned part = CONFIG_PART_FEEDS;
    if (strcmp(it->string, "cache_dir") == 0) {
        ok = (c->invalid & CONFIG_PART_FEEDS) || parse_cache_dir(&local, it, base_dir, c);
    } else if (strcmp(it->string, "feeds") == 0) {
        ok = (c->invalid & CONFIG_PART_FEEDS) || parse_feeds(&local, it, base_dir, c);
    } else if (strcmp(it->string, "kiosk") == 0) {
        part = CONFIG_PART_KIOSK;
        ok = config_parse_kiosk(&local, it, &c->kiosk);
    } else {
        log_warn("config", "%s: unknown key '%s' (ignored)", x->origin, it->string);
    }
    if (!ok)
        c->invalid |= part;
}

config_status config_parse(const char *json, size_t len, const char *origin, const char *base_dir,
                           config *c, char err[CONFIG_ERR_LEN])
{
    config_ctx x = {origin, err};
    c->invalid = 0;
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        long off = at && at >= json && at <= json + len ? (long)(at - json) : -1;
        snprintf(err, CONFIG_ERR_LEN, "%.300s: not valid JSON (near byte %ld)", origin, off);
        c->invalid = CONFIG_PART_FEEDS | CONFIG_PART_KIOSK;
        return CONFIG_INVALID;
    }
    if (!cJSON_IsObject(root)) {
        config_fail(&x, "(top level)", "expected a JSON object");
        c->invalid = CONFIG_PART_FEEDS | CONFIG_PART_KIOSK;
        cJSON_Delete(root);
        return CONFIG_INVALID;
    }
    feeds_part *before = malloc(sizeof *before);
    if (!before) {
        snprintf(err, CONFIG_ERR_LEN, "%.300s: out of memory", origin);
        c->invalid = CONFIG_PART_FEEDS | CONFIG_PART_KIOSK;
        cJSON_Delete(root);
        return CONFIG_NOMEM;
    }
    save_feeds(c, before);
    const cJSON *it;
    cJSON_ArrayForEach(it, root)
    {
        parse_key(&x, it, base_dir, c);
    }
    if (c->invalid & CONFIG_PART_FEEDS)
        restore_feeds(c, before);
    free(before);
    cJSON_Delete(root);
    return c->invalid ? CONFIG_INVALID : CONFIG_OK;
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
        if (!config_print_number(obj, &FEED_KEYS[i], cf))
            return false;
    return true;
}

char *config_to_json(const config *c)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root && cJSON_AddStringToObject(root, "cache_dir", c->cache_dir);
    cJSON *feeds = ok ? cJSON_AddObjectToObject(root, "feeds") : NULL;
    ok = ok && feeds;
    for (int f = 0; ok && f < FEED_COUNT; f++)
        ok = print_feed(feeds, feed_name((feed_id)f), &c->feeds[f]);
    ok = ok && config_print_kiosk(root, &c->kiosk);
    char *out = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    return out;
}
