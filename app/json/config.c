/* config: JSON configuration over built-in defaults. Table-driven: each
 * per-feed numeric key has a unit, a range and a field, so validation and
 * printing share one description of the keys. */
#include "vitrine/config.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
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

typedef enum { UNIT_SECONDS_AS_MS, UNIT_COUNT } key_unit;

typedef struct {
    const char *name;
    key_unit unit;
    double min, max; /* in the file's unit (seconds, bytes...) */
    size_t offset;   /* of the long field in config_feed */
} feed_key;

#define FIELD(f) offsetof(config_feed, f)
static const feed_key FEED_KEYS[] = {
    {"refresh_interval_s", UNIT_SECONDS_AS_MS, 10, 7 * 86400, FIELD(refresh_interval_ms)},
    {"connect_timeout_s", UNIT_SECONDS_AS_MS, 0.1, 600, FIELD(connect_timeout_ms)},
    {"timeout_s", UNIT_SECONDS_AS_MS, 0.1, 3600, FIELD(timeout_ms)},
    {"low_speed_limit_bps", UNIT_COUNT, 1, 1e9, FIELD(low_speed_limit_bps)},
    {"low_speed_time_s", UNIT_COUNT, 1, 3600, FIELD(low_speed_time_s)},
    {"max_bytes", UNIT_COUNT, 1024, (double)PARSE_MAX_BYTES, FIELD(max_bytes)},
    {"retry_min_s", UNIT_SECONDS_AS_MS, 1, 86400, FIELD(retry_min_ms)},
    {"retry_max_s", UNIT_SECONDS_AS_MS, 1, 7 * 86400, FIELD(retry_max_ms)},
};
#define N_FEED_KEYS (sizeof FEED_KEYS / sizeof *FEED_KEYS)

static long *key_field(config_feed *f, const feed_key *k)
{
    return (long *)((char *)f + k->offset);
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

void config_defaults(config *c)
{
    memset(c, 0, sizeof *c);
    default_cache_dir(c->cache_dir);
    for (int f = 0; f < FEED_COUNT; f++) {
        config_feed *cf = &c->feeds[f];
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
            snprintf(cf->url, sizeof cf->url, "%s%s.json", CONFIG_DEFAULT_BETAGOUV_API,
                     feed_name((feed_id)f));
            cf->url_kind = CONFIG_URL_HTTP;
        }
    }
}

static bool fail(char err[CONFIG_ERR_LEN], const char *origin, const char *key, const char *what)
{
    snprintf(err, CONFIG_ERR_LEN, "%.300s: %.100s: %.100s", origin, key, what);
    return false;
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
    size_t n = strlen(scheme);
    return strncmp(url, scheme, n) == 0;
}

static bool parse_url(const cJSON *v, const char *origin, const char *key, const char *base_dir,
                      config_feed *cf, char err[CONFIG_ERR_LEN])
{
    if (!cJSON_IsString(v))
        return fail(err, origin, key, "expected a string (http(s) URL, local path or \"\")");
    const char *url = v->valuestring;
    if (strlen(url) >= CONFIG_PATH_LEN)
        return fail(err, origin, key, "too long");
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
        return fail(err, origin, key, "only http://, https:// or a local path are allowed");
    if (!resolve_path(url, base_dir, cf->url))
        return fail(err, origin, key, "path too long");
    cf->url_kind = CONFIG_URL_FILE;
    return true;
}

static bool parse_number(const cJSON *v, const feed_key *k, const char *origin, const char *key,
                         config_feed *cf, char err[CONFIG_ERR_LEN])
{
    char what[128];
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < k->min ||
        v->valuedouble > k->max) {
        snprintf(what, sizeof what, "expected a number from %g to %g", k->min, k->max);
        return fail(err, origin, key, what);
    }
    double x = k->unit == UNIT_SECONDS_AS_MS ? v->valuedouble * VCLOCK_MS_PER_S : v->valuedouble;
    *key_field(cf, k) = (long)llround(x);
    return true;
}

static bool parse_feed_object(const cJSON *obj, const char *origin, const char *name,
                              const char *base_dir, config_feed *cf, char err[CONFIG_ERR_LEN])
{
    char key[256];
    snprintf(key, sizeof key, "feeds.%s", name);
    if (!cJSON_IsObject(obj))
        return fail(err, origin, key, "expected an object");
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        snprintf(key, sizeof key, "feeds.%s.%.100s", name, it->string);
        if (strcmp(it->string, "url") == 0) {
            if (!parse_url(it, origin, key, base_dir, cf, err))
                return false;
            continue;
        }
        size_t i = 0;
        while (i < N_FEED_KEYS && strcmp(FEED_KEYS[i].name, it->string) != 0)
            i++;
        if (i == N_FEED_KEYS)
            log_warn("config", "%s: unknown key '%s' (ignored)", origin, key);
        else if (!parse_number(it, &FEED_KEYS[i], origin, key, cf, err))
            return false;
    }
    if (cf->retry_max_ms < cf->retry_min_ms) {
        snprintf(key, sizeof key, "feeds.%s.retry_max_s", name);
        return fail(err, origin, key, "must not be less than retry_min_s");
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

static bool parse_feeds(const cJSON *feeds, const char *origin, const char *base_dir, config *c,
                        char err[CONFIG_ERR_LEN])
{
    if (!cJSON_IsObject(feeds))
        return fail(err, origin, "feeds", "expected an object keyed by feed name");
    const cJSON *it;
    cJSON_ArrayForEach(it, feeds)
    {
        int f = feed_by_name(it->string);
        if (f < 0)
            log_warn("config", "%s: unknown key 'feeds.%s' (ignored)", origin, it->string);
        else if (!parse_feed_object(it, origin, it->string, base_dir, &c->feeds[f], err))
            return false;
    }
    return true;
}

static bool parse_root(const cJSON *root, const char *origin, const char *base_dir, config *c,
                       char err[CONFIG_ERR_LEN])
{
    if (!cJSON_IsObject(root))
        return fail(err, origin, "(top level)", "expected a JSON object");
    const cJSON *it;
    cJSON_ArrayForEach(it, root)
    {
        if (strcmp(it->string, "cache_dir") == 0) {
            if (!cJSON_IsString(it) || !*it->valuestring)
                return fail(err, origin, "cache_dir", "expected a non-empty path");
            if (!resolve_path(it->valuestring, base_dir, c->cache_dir))
                return fail(err, origin, "cache_dir", "path too long");
        } else if (strcmp(it->string, "feeds") == 0) {
            if (!parse_feeds(it, origin, base_dir, c, err))
                return false;
        } else if (strcmp(it->string, "kiosk") == 0) {
            /* The kiosk runtime's part of the same file: kioskconfig reads it. */
        } else {
            log_warn("config", "%s: unknown key '%s' (ignored)", origin, it->string);
        }
    }
    return true;
}

config_status config_parse(const char *json, size_t len, const char *origin, const char *base_dir,
                           config *c, char err[CONFIG_ERR_LEN])
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        long off = at && at >= json && at <= json + len ? (long)(at - json) : -1;
        snprintf(err, CONFIG_ERR_LEN, "%.300s: not valid JSON (near byte %ld)", origin, off);
        return CONFIG_INVALID;
    }
    bool ok = parse_root(root, origin, base_dir, c, err);
    cJSON_Delete(root);
    return ok ? CONFIG_OK : CONFIG_INVALID;
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
    if (fileio_read(path, CONFIG_MAX_BYTES, &buf, &len, ferr) != FILEIO_OK) {
        snprintf(err, CONFIG_ERR_LEN, "config: %s", ferr);
        return CONFIG_INVALID;
    }
    char base[CONFIG_PATH_LEN], abs_base[PATH_MAX];
    dir_of(path, base);
    if (realpath(base, abs_base) && strlen(abs_base) < sizeof base)
        memcpy(base, abs_base, strlen(abs_base) + 1);
    config_status st = config_parse(buf, len, path, base, c, err);
    free(buf);
    if (st == CONFIG_OK)
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

static bool add_feed_json(cJSON *feeds, const char *name, const config_feed *cf)
{
    cJSON *obj = cJSON_AddObjectToObject(feeds, name);
    if (!obj || !cJSON_AddStringToObject(obj, "url", cf->url))
        return false;
    for (size_t i = 0; i < N_FEED_KEYS; i++) {
        const feed_key *k = &FEED_KEYS[i];
        double v = (double)*key_field((config_feed *)cf, k);
        if (k->unit == UNIT_SECONDS_AS_MS)
            v /= VCLOCK_MS_PER_S;
        if (!cJSON_AddNumberToObject(obj, k->name, v))
            return false;
    }
    return true;
}

char *config_to_json(const config *c)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root && cJSON_AddStringToObject(root, "cache_dir", c->cache_dir);
    cJSON *feeds = ok ? cJSON_AddObjectToObject(root, "feeds") : NULL;
    ok = ok && feeds;
    for (int f = 0; ok && f < FEED_COUNT; f++)
        ok = add_feed_json(feeds, feed_name((feed_id)f), &c->feeds[f]);
    char *out = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    return out;
}
