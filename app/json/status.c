/* status: the kiosk's status document (cJSON), writing it and the metrics
 * text, and reading it back for `vitrine --status` (where to look, and
 * whether the kiosk that wrote it still runs). */
#include "vitrine/status.h"

#include "jsonx.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vitrine/feed.h"
#include "vitrine/fileio.h"
#include "vitrine/hash.h"

#define ISO_LEN 32  /* "2026-12-01T09:12:30Z" and room for a far year */
#define COMM_LEN 64 /* /proc/<pid>/comm: 15 characters and a newline */
#define UNIT_PROGRAM "vitrine"

/* "YYYY-MM-DDTHH:MM:SSZ"; false when t is unknown (<= 0) or unprintable. */
static bool iso_time(int64_t t, char out[ISO_LEN])
{
    time_t tt = (time_t)t;
    struct tm tm;
    return t > 0 && gmtime_r(&tt, &tm) && strftime(out, ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

static bool add_time(cJSON *obj, const char *key, int64_t t)
{
    char iso[ISO_LEN];
    if (!iso_time(t, iso))
        return cJSON_AddNullToObject(obj, key) != NULL;
    return cJSON_AddStringToObject(obj, key, iso) != NULL;
}

/* Seconds from t to now, never negative: after the clock is set back, data
 * fetched "later" than now is as fresh as can be, not -3600 s old. */
static int64_t age_at(int64_t now, int64_t t)
{
    return now > t ? now - t : 0;
}

static bool add_feed(cJSON *feeds, feed_id f, const feedstate *fs, int64_t now)
{
    cJSON *o = cJSON_AddObjectToObject(feeds, feed_name(f));
    /* A built-in copy (demo, or the bundled EIG data of 2022) was never
     * fetched: no fetch time, no age, nothing on disk. */
    int64_t fetched = fs->kind == FEEDSTATE_BUNDLED ? 0 : fs->data_time;
    bool ok = o && cJSON_AddStringToObject(o, "state", feedstate_kind_name(fs->kind)) &&
              add_time(o, "fetched_at", fetched);
    if (ok && fetched > 0)
        ok = cJSON_AddNumberToObject(o, "age_s", (double)age_at(now, fetched)) != NULL;
    else if (ok)
        ok = cJSON_AddNullToObject(o, "age_s") != NULL;
    ok = ok && add_time(o, "failing_since", fs->failing_since) &&
         add_time(o, "held_at", fs->held_at) && add_time(o, "accepted_at", fs->accepted_at) &&
         cJSON_AddBoolToObject(o, "on_disk", !fs->unsaved && fetched > 0);
    if (ok && *fs->reason)
        return cJSON_AddStringToObject(o, "last_error", fs->reason) != NULL;
    return ok && cJSON_AddNullToObject(o, "last_error") != NULL;
}

/* "texts": the first max of a's texts (and "texts_left_out" when more). */
static bool add_alt_texts(cJSON *o, const textalt_slide *a, size_t max)
{
    cJSON *texts = cJSON_AddArrayToObject(o, "texts");
    size_t n = a->n_texts < max ? a->n_texts : max;
    for (size_t k = 0; texts && k < n; k++) {
        cJSON *t = cJSON_CreateString(a->texts[k]);
        if (!t || !cJSON_AddItemToArray(texts, t)) {
            cJSON_Delete(t);
            return false;
        }
    }
    if (texts && n < a->n_texts)
        return cJSON_AddNumberToObject(o, "texts_left_out", (double)(a->n_texts - n)) != NULL;
    return texts != NULL;
}

static bool add_figure(cJSON *list, const textalt_figure *f)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(list, o)) {
        cJSON_Delete(o);
        return false;
    }
    /* Tenths of a pixel: enough to tell a gap, and short. */
    const double box[4] = {round(f->box.x * 10) / 10, round(f->box.y * 10) / 10,
                           round(f->box.w * 10) / 10, round(f->box.h * 10) / 10};
    cJSON *b = cJSON_CreateDoubleArray(box, 4);
    if (!b || !cJSON_AddItemToObject(o, "box", b)) {
        cJSON_Delete(b);
        return false;
    }
    return cJSON_AddStringToObject(o, "label", f->label) &&
           (isfinite(f->value) ? cJSON_AddNumberToObject(o, "value", f->value) != NULL
                               : cJSON_AddNullToObject(o, "value") != NULL) &&
           cJSON_AddStringToObject(o, "text", f->text);
}

/* One slide's text alternative into o; the figures only when asked. */
static bool add_alt(cJSON *o, const textalt_slide *a, size_t max_texts, bool figures)
{
    bool ok = o && cJSON_AddStringToObject(o, "title", a->title) &&
              cJSON_AddStringToObject(o, "subtitle", a->subtitle) && add_alt_texts(o, a, max_texts);
    cJSON *list = ok && figures ? cJSON_AddArrayToObject(o, "figures") : NULL;
    ok = ok && (!figures || list);
    for (size_t k = 0; ok && figures && k < a->n_figures; k++)
        ok = add_figure(list, &a->figures[k]);
    return ok;
}

static bool add_slide(cJSON *root, const status_report *r)
{
    if (!r->has_slide)
        return cJSON_AddNullToObject(root, "slide") != NULL;
    cJSON *s = cJSON_AddObjectToObject(root, "slide");
    return s && cJSON_AddNumberToObject(s, "index", (double)r->slide_index) &&
           cJSON_AddNumberToObject(s, "count", (double)r->slide_count) &&
           cJSON_AddStringToObject(s, "name", r->slide_name ? r->slide_name : "") &&
           (!r->alt ||
            add_alt(cJSON_AddObjectToObject(s, "alt"), r->alt, STATUS_ALT_MAX_TEXTS, false));
}

/* cJSON's text with a newline at the end; NULL (and text freed) when out
 * of memory. */
static char *with_newline(char *text)
{
    size_t len = text ? strlen(text) : 0;
    char *out = text ? realloc(text, len + 2) : NULL;
    if (!out) {
        free(text);
        return NULL;
    }
    memcpy(out + len, "\n", 2);
    return out;
}

char *status_slides_to_json(const textalt *t)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *list = root ? cJSON_AddArrayToObject(root, "slides") : NULL;
    bool ok = list != NULL;
    for (size_t i = 0; ok && i < textalt_count(t); i++) {
        const textalt_slide *a = textalt_get(t, i);
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddItemToArray(list, o);
        if (!ok)
            cJSON_Delete(o);
        ok = ok && cJSON_AddStringToObject(o, "file", a->file) &&
             cJSON_AddStringToObject(o, "name", a->name) && add_alt(o, a, SIZE_MAX, true);
    }
    char *text = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    return with_newline(text);
}

static bool add_fields(cJSON *root, const status_report *r)
{
    bool ok = cJSON_AddNumberToObject(root, "pid", (double)r->pid) &&
              cJSON_AddStringToObject(root, "version", r->version ? r->version : "") &&
              add_time(root, "started_at", r->started_at) && add_time(root, "updated_at", r->now) &&
              (r->cache_dir && *r->cache_dir
                   ? cJSON_AddStringToObject(root, "cache_dir", r->cache_dir) != NULL
                   : cJSON_AddNullToObject(root, "cache_dir") != NULL) &&
              add_slide(root, r) && cJSON_AddBoolToObject(root, "paused", r->paused) &&
              cJSON_AddStringToObject(root, "screen", r->screen_on ? "on" : "off") &&
              cJSON_AddNumberToObject(root, "slide_changes", (double)r->slide_changes) &&
              cJSON_AddNumberToObject(root, "display_busy_max_s", r->display_busy_max_s);
    cJSON *feeds = ok ? cJSON_AddObjectToObject(root, "feeds") : NULL;
    ok = feeds != NULL;
    for (int f = 0; ok && f < FEED_COUNT; f++)
        ok = add_feed(feeds, (feed_id)f, &r->feeds.feeds[f], r->now);
    return ok;
}

char *status_to_json(const status_report *r)
{
    cJSON *root = cJSON_CreateObject();
    char *text = root && add_fields(root, r) ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    return with_newline(text);
}

/* Writes text (taken: freed here) to path; its directory is created when
 * missing (the first write, or after the directory was removed). */
static status_status write_text(const char *path, char *text, bool durable, char *err, size_t errsz)
{
    char ferr[FILEIO_ERR_LEN], dir[CONFIG_PATH_LEN];
    if (!text) {
        snprintf(err, errsz, "%.200s: out of memory", path);
        return STATUS_NOMEM;
    }
    size_t len = strlen(text);
    fileio_status fs = fileio_write_atomic(path, text, len, STATUS_FILE_MODE, durable, ferr);
    const char *slash = strrchr(path, '/');
    if (fs == FILEIO_ABSENT && slash && slash != path && (size_t)(slash - path) < sizeof dir) {
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        fs = fileio_mkdirs(dir, STATUS_DIR_MODE, ferr);
        if (fs == FILEIO_OK)
            fs = fileio_write_atomic(path, text, len, STATUS_FILE_MODE, durable, ferr);
    }
    free(text);
    if (fs == FILEIO_OK)
        return STATUS_OK;
    snprintf(err, errsz, "%.250s", ferr);
    return fs == FILEIO_NOMEM ? STATUS_NOMEM : STATUS_IO_ERROR;
}

status_status status_write(const status_report *r, const char *status_path,
                           const char *metrics_path, char err[STATUS_ERR_LEN])
{
    char errs[2][STATUS_ERR_LEN / 2 - 2] = {"", ""}; /* both and "; " fit err */
    status_status st = STATUS_OK, mt = STATUS_OK;
    if (status_path && *status_path)
        /* Not durable: after a power cut its pid is gone anyway, and an
         * fsync per slide would flush an SD card 7,000 times a day. */
        st = write_text(status_path, status_to_json(r), false, errs[0], sizeof errs[0]);
    if (metrics_path && *metrics_path)
        mt = write_text(metrics_path, status_to_metrics(r), false, errs[1], sizeof errs[1]);
    snprintf(err, STATUS_ERR_LEN, "%s%s%s", errs[0], *errs[0] && *errs[1] ? "; " : "", errs[1]);
    return st != STATUS_OK ? st : mt;
}

status_status status_write_slides(const textalt *t, const char *path, char err[STATUS_ERR_LEN])
{
    /* Durable: a file kept with the PNGs, not a runtime status. */
    return write_text(path, status_slides_to_json(t), true, err, STATUS_ERR_LEN);
}

/* dir/rel into out unless dir is unset or relative; true when added. */
static bool env_path(char out[CONFIG_PATH_LEN], const char *dir, size_t dirlen, const char *rel)
{
    if (!dir || *dir != '/')
        return false;
    int n = snprintf(out, CONFIG_PATH_LEN, "%.*s/%s", (int)dirlen, dir, rel);
    return n > 0 && n < CONFIG_PATH_LEN;
}

static bool runtime_directory_path(char out[CONFIG_PATH_LEN])
{
    const char *rt = getenv("RUNTIME_DIRECTORY"); /* "a:b" with several RuntimeDirectory= */
    return env_path(out, rt, rt ? strcspn(rt, ":") : 0, STATUS_FILE_NAME);
}

static bool xdg_runtime_path(char out[CONFIG_PATH_LEN])
{
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    return env_path(out, xdg, xdg ? strlen(xdg) : 0, "vitrine/" STATUS_FILE_NAME);
}

bool status_default_path(char out[CONFIG_PATH_LEN])
{
    if (runtime_directory_path(out) || xdg_runtime_path(out))
        return true;
    out[0] = '\0';
    return false;
}

static void add_unique(char out[STATUS_MAX_PATHS][CONFIG_PATH_LEN], size_t *n, const char *path)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(out[i], path) == 0)
            return;
    snprintf(out[(*n)++], CONFIG_PATH_LEN, "%s", path);
}

/* Where --status looks, in order, without repeats. */
static size_t lookup_paths(const char *configured, char out[STATUS_MAX_PATHS][CONFIG_PATH_LEN])
{
    char path[CONFIG_PATH_LEN];
    status_default_path(path);
    if (configured && strcmp(configured, path) != 0) {
        snprintf(out[0], CONFIG_PATH_LEN, "%s", configured);
        return *configured ? 1 : 0;
    }
    size_t n = 0;
    if (runtime_directory_path(path))
        add_unique(out, &n, path);
    add_unique(out, &n, STATUS_UNIT_DIR "/" STATUS_FILE_NAME);
    if (xdg_runtime_path(path))
        add_unique(out, &n, path);
    return n;
}

status_status status_find(const char *configured, char path[CONFIG_PATH_LEN],
                          char err[STATUS_ERR_LEN])
{
    char paths[STATUS_MAX_PATHS][CONFIG_PATH_LEN], tried[STATUS_ERR_LEN] = "";
    size_t n = lookup_paths(configured, paths), used = 0;
    path[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (fileio_exists(paths[i])) {
            /* Same size as path: a copy, not a format (no truncation to fear). */
            memcpy(path, paths[i], CONFIG_PATH_LEN);
            return STATUS_OK;
        }
        int w = snprintf(tried + used, sizeof tried - used, "%s%.140s", i ? ", " : "", paths[i]);
        used += w > 0 && (size_t)w < sizeof tried - used ? (size_t)w : 0;
    }
    if (n == 0)
        snprintf(err, STATUS_ERR_LEN, "no status file: status_file is \"\" in the configuration");
    else if (n == 1)
        snprintf(err, STATUS_ERR_LEN, "no kiosk running: %.450s does not exist", tried);
    else
        snprintf(err, STATUS_ERR_LEN, "no kiosk running: no status file (looked at %.440s)", tried);
    return STATUS_ABSENT;
}

/* The first line of a small /proc file, without its newline. */
static bool read_line(const char *path, char out[COMM_LEN])
{
    FILE *f = fopen(path, "r");
    bool ok = f && fgets(out, COMM_LEN, f);
    if (f)
        fclose(f);
    if (ok)
        out[strcspn(out, "\n")] = '\0';
    return ok;
}

/* What runs under the status file's pid. */
typedef enum { PID_KIOSK, PID_EXITED, PID_OTHER } pid_state;

/* pid runs, and is a vitrine where /proc says what it is; otherwise
 * whether no process has that pid, or another program has it now (its
 * name in comm). */
static pid_state kiosk_alive(long pid, char comm[COMM_LEN])
{
    if (pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
        return PID_EXITED;
    char path[64], mine[COMM_LEN];
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    if (!read_line(path, comm))
        return PID_KIOSK; /* /proc hidden (hidepid) or absent: kill() is all we know */
    if (strcmp(comm, UNIT_PROGRAM) == 0 ||
        (read_line("/proc/self/comm", mine) && strcmp(comm, mine) == 0))
        return PID_KIOSK;
    return PID_OTHER;
}

/* Checks the document's pid; STATUS_OK when its kiosk runs. */
static status_status check_alive(const char *path, const char *text, size_t len,
                                 char err[STATUS_ERR_LEN])
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *pid = cJSON_GetObjectItemCaseSensitive(root, "pid");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(root, "updated_at");
    const char *when = cJSON_IsString(at) && strlen(at->valuestring) < ISO_LEN
                           ? at->valuestring
                           : "at an unknown time";
    char comm[COMM_LEN] = "";
    status_status st = STATUS_GONE;
    pid_state ps = PID_EXITED;
    if (!jsonx_whole(pid, 1, INT_MAX)) {
        snprintf(err, STATUS_ERR_LEN, "%.400s: not a vitrine status file (no pid)", path);
        st = STATUS_INVALID;
    } else if ((ps = kiosk_alive((long)pid->valuedouble, comm)) == PID_KIOSK) {
        st = STATUS_OK;
    } else if (ps == PID_OTHER) {
        snprintf(err, STATUS_ERR_LEN,
                 "no kiosk running: pid %ld of %.300s is now another program (%.15s): the kiosk "
                 "that wrote it has exited (the file was last updated %.31s)",
                 (long)pid->valuedouble, path, comm, when);
    } else {
        snprintf(err, STATUS_ERR_LEN,
                 "no kiosk running: pid %ld of %.300s has exited (the file was last updated %.31s)",
                 (long)pid->valuedouble, path, when);
    }
    cJSON_Delete(root);
    return st;
}

status_status status_read_alive(const char *path, char **json, char err[STATUS_ERR_LEN])
{
    char ferr[FILEIO_ERR_LEN], *text = NULL;
    size_t len = 0;
    *json = NULL;
    fileio_status fs = fileio_read(path, STATUS_MAX_BYTES, &text, &len, ferr);
    if (fs == FILEIO_ABSENT) {
        snprintf(err, STATUS_ERR_LEN, "no kiosk running: %.400s does not exist", path);
        return STATUS_ABSENT;
    }
    if (fs != FILEIO_OK) {
        snprintf(err, STATUS_ERR_LEN, "cannot read the status: %s", ferr);
        return fs == FILEIO_NOMEM ? STATUS_NOMEM : STATUS_IO_ERROR;
    }
    status_status st = check_alive(path, text, len, err);
    if (st == STATUS_OK)
        *json = text;
    else
        free(text);
    return st;
}

status_status status_running_kiosk(const char *configured, status_kiosk *out,
                                   char err[STATUS_ERR_LEN])
{
    char path[CONFIG_PATH_LEN], *json = NULL;
    status_status st = status_find(configured, path, err);
    if (st == STATUS_OK)
        st = status_read_alive(path, &json, err);
    if (st != STATUS_OK)
        return st;
    cJSON *root = cJSON_Parse(json);
    const cJSON *pid = cJSON_GetObjectItemCaseSensitive(root, "pid");
    const cJSON *dir = cJSON_GetObjectItemCaseSensitive(root, "cache_dir");
    out->pid = jsonx_whole(pid, 1, INT_MAX) ? (long)pid->valuedouble : 0;
    snprintf(out->cache_dir, sizeof out->cache_dir, "%s",
             cJSON_IsString(dir) && strlen(dir->valuestring) < sizeof out->cache_dir
                 ? dir->valuestring
                 : "");
    cJSON_Delete(root);
    free(json);
    return STATUS_OK;
}

/* The metrics file: the status as Prometheus text exposition format 0.0.4
 * (what node_exporter's textfile collector reads): # HELP and # TYPE for
 * each metric, label values escaped (backslash, double quote, newline), no
 * timestamps (the collector refuses them). */
#define METRICS_FIRST_CAP 4096 /* the whole text is about 2.5 KB */

typedef struct {
    char *p;
    size_t len, cap;
    bool nomem;
} text;

static bool reserve(text *t, size_t more)
{
    if (t->len + more < t->cap)
        return true;
    size_t cap = t->cap ? t->cap : METRICS_FIRST_CAP;
    while (cap <= t->len + more)
        cap *= 2;
    char *p = realloc(t->p, cap);
    if (!p)
        return false;
    t->p = p;
    t->cap = cap;
    return true;
}

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (t->nomem || n < 0 || !reserve(t, (size_t)n)) {
        t->nomem = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* A label value as the format wants it: \\, \" and \n escaped. */
static void put_label(text *t, const char *name, const char *value)
{
    put(t, "{%s=\"", name);
    for (const char *c = value; *c; c++) {
        if (*c == '\\' || *c == '"')
            put(t, "\\%c", *c);
        else if (*c == '\n')
            put(t, "\\n");
        else
            put(t, "%c", *c);
    }
    put(t, "\"}");
}

static void put_header(text *t, const char *name, const char *type, const char *help)
{
    put(t, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static bool feed_up(feedstate_kind k)
{
    return k == FEEDSTATE_FRESH || k == FEEDSTATE_OFFLINE || k == FEEDSTATE_BUNDLED;
}

static bool has_data_time(const feedstate *fs)
{
    /* The bundled EIG copy is dated 2022 and never refreshed: an age would
     * only set off alerts on data that is meant to be that old. */
    return fs->data_time > 0 && fs->kind != FEEDSTATE_DEMO && fs->kind != FEEDSTATE_MISSING &&
           fs->kind != FEEDSTATE_BUNDLED;
}

/* One sample per feed (those with a known data time for the two time
 * metrics): value 0 up, 1 age, 2 last success. */
static void put_feeds(text *t, const status_report *r, const char *name, int value)
{
    for (int f = 0; f < FEED_COUNT; f++) {
        const feedstate *fs = &r->feeds.feeds[f];
        if (value && !has_data_time(fs))
            continue;
        put(t, "%s", name);
        put_label(t, "feed", feed_name((feed_id)f));
        int64_t v = value == 0   ? feed_up(fs->kind)
                    : value == 1 ? age_at(r->now, fs->data_time)
                                 : fs->data_time;
        put(t, " %" PRId64 "\n", v);
    }
}

/* 1 while a body held as implausible waits for the operator. */
static void put_held(text *t, const status_report *r)
{
    for (int f = 0; f < FEED_COUNT; f++) {
        put(t, "vitrine_feed_held");
        put_label(t, "feed", feed_name((feed_id)f));
        put(t, " %d\n", r->feeds.feeds[f].held_at > 0 ? 1 : 0);
    }
}

static void put_feed_metrics(text *t, const status_report *r)
{
    put_header(t, "vitrine_feed_up", "gauge",
               "1 when the feed's last refresh succeeded (state fresh, or offline: local data "
               "read, or bundled: the EIG copy built in), 0 otherwise (stale, failing, held, "
               "demo, missing).");
    put_feeds(t, r, "vitrine_feed_up", 0);
    put_header(t, "vitrine_feed_age_seconds", "gauge",
               "Age of the feed's data when this file was written; prefer time() - "
               "vitrine_feed_last_success_timestamp_seconds, exact between writes.");
    put_feeds(t, r, "vitrine_feed_age_seconds", 1);
    put_header(t, "vitrine_feed_last_success_timestamp_seconds", "gauge",
               "When the feed's data was last fetched or confirmed (unix seconds).");
    put_feeds(t, r, "vitrine_feed_last_success_timestamp_seconds", 2);
    put_header(t, "vitrine_feed_held", "gauge",
               "1 while a new body of the feed is held as implausible (its figures or fields "
               "collapse against the last good copy's): vitrine --accept FEED takes it in.");
    put_held(t, r);
}

uint64_t status_metrics_key(const status_report *r)
{
    status_report still = *r;
    still.now = 0;
    still.slide_changes = 0;
    still.display_busy_max_s = 0;
    char *said = status_to_metrics(&still);
    uint64_t key = said ? hash_fnv1a64_str(HASH_FNV1A64_BASIS, said) : 0;
    free(said);
    return key;
}

char *status_to_metrics(const status_report *r)
{
    text t = {0};
    put_header(&t, "vitrine_build_info", "gauge", "The running vitrine's version (always 1).");
    put(&t, "vitrine_build_info");
    put_label(&t, "version", r->version ? r->version : "");
    put(&t, " 1\n");
    put_header(&t, "vitrine_start_time_seconds", "gauge", "When the kiosk started (unix seconds).");
    put(&t, "vitrine_start_time_seconds %" PRId64 "\n", r->started_at);
    put_header(&t, "vitrine_status_updated_timestamp_seconds", "gauge",
               "When the kiosk last wrote this file (unix seconds): old means a stuck kiosk.");
    put(&t, "vitrine_status_updated_timestamp_seconds %" PRId64 "\n", r->now);
    put_feed_metrics(&t, r);
    put_header(&t, "vitrine_slide_changes_total", "counter",
               "Slides shown since the kiosk started, the first included.");
    put(&t, "vitrine_slide_changes_total %" PRIu64 "\n", r->slide_changes);
    put_header(&t, "vitrine_display_busy_max_seconds", "gauge",
               "The display thread's longest stretch busy without presenting a frame or going "
               "back to wait, since the start: over 0.034 (two frames at 60 Hz) the screen "
               "stuttered.");
    put(&t, "vitrine_display_busy_max_seconds %.6f\n", r->display_busy_max_s);
    put_header(&t, "vitrine_screen_on", "gauge", "1 while the screen is on, 0 off by schedule.");
    put(&t, "vitrine_screen_on %d\n", r->screen_on ? 1 : 0);
    put_header(&t, "vitrine_paused", "gauge", "1 while the rotation is paused (Space key).");
    put(&t, "vitrine_paused %d\n", r->paused ? 1 : 0);
    if (t.nomem || !t.p) {
        free(t.p);
        return NULL;
    }
    return t.p;
}
