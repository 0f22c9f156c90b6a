/* datadir: a directory laid out like shared/data -> a model. */
#include "vitrine/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assets.h"
#include "vitrine/fileio.h"
#include "vitrine/log.h"
#include "vitrine/parse.h"

#define LOCAL_ASSET "local/programme.json"
#define DEMO_PREFIX "demo/"

static datadir_status from_parse(parse_status st, const char *path, const parse_result *res,
                                 char err[DATADIR_ERR_LEN])
{
    if (st == PARSE_NOMEM) {
        snprintf(err, DATADIR_ERR_LEN, "%.400s: out of memory", path);
        return DATADIR_NOMEM;
    }
    if (st != PARSE_OK) {
        snprintf(err, DATADIR_ERR_LEN, "%.240s: rejected: %.240s", path, res->error);
        return DATADIR_FAILED;
    }
    if (res->skipped)
        log_warn("datadir", "%s: skipped %zu record(s) it cannot read, kept %zu (the first: %s)",
                 path, res->skipped, res->records, res->error);
    return DATADIR_OK;
}

static datadir_status load_feed(model *m, feed_id feed, const char *path, char err[DATADIR_ERR_LEN])
{
    char *buf;
    size_t len;
    char ferr[FILEIO_ERR_LEN];
    if (fileio_read(path, PARSE_MAX_BYTES, &buf, &len, ferr) != FILEIO_OK) {
        snprintf(err, DATADIR_ERR_LEN, "%.256s", ferr);
        return DATADIR_FAILED;
    }
    parse_result res;
    parse_status st = parse_feed(m, feed, buf, len, &res);
    free(buf);
    return from_parse(st, path, &res, err);
}

datadir_status datadir_load_local(model *m, char err[DATADIR_ERR_LEN])
{
    const assets_file *f = assets_find(LOCAL_ASSET);
    if (!f) {
        snprintf(err, DATADIR_ERR_LEN, "assets/%s: not embedded in this build", LOCAL_ASSET);
        return DATADIR_FAILED;
    }
    parse_result res;
    parse_status st = parse_local(m, (const char *)f->data, f->size, &res);
    return from_parse(st, "assets/" LOCAL_ASSET, &res, err);
}

/* One feed of a data dir into m; an optional feed may be absent. */
static datadir_status load_dir_feed(model *m, feed_id f, const char *dir, char err[DATADIR_ERR_LEN])
{
    char path[PATH_MAX];
    if (!fileio_join(path, sizeof path, dir, feed_relpath(f))) {
        snprintf(err, DATADIR_ERR_LEN, "%.400s: path too long", dir);
        return DATADIR_FAILED;
    }
    if (!feed_required(f) && !fileio_exists(path))
        return DATADIR_OK;
    return load_feed(m, f, path, err);
}

static datadir_status load_builtin_feed(model *m, feed_id f, const char *dir,
                                        char err[DATADIR_ERR_LEN])
{
    (void)dir;
    return datadir_load_builtin_feed(m, f, err);
}

typedef datadir_status (*feed_loader)(model *m, feed_id f, const char *dir,
                                      char err[DATADIR_ERR_LEN]);

/* A new model: every feed through load, then the local programme data. */
static datadir_status build(const char *dir, feed_loader load, model **out,
                            char err[DATADIR_ERR_LEN])
{
    *out = NULL;
    model *m = model_new();
    if (!m) {
        snprintf(err, DATADIR_ERR_LEN, "out of memory");
        return DATADIR_NOMEM;
    }
    datadir_status st = DATADIR_OK;
    for (int f = 0; st == DATADIR_OK && f < FEED_COUNT; f++)
        st = load(m, (feed_id)f, dir, err);
    if (st == DATADIR_OK)
        st = datadir_load_local(m, err);
    if (st != DATADIR_OK) {
        model_free(m);
        return st;
    }
    *out = m;
    return DATADIR_OK;
}

datadir_status datadir_load(const char *dir, model **out, char err[DATADIR_ERR_LEN])
{
    return build(dir, load_dir_feed, out, err);
}

/* assets/<relpath> is real data bundled with the program (the EIG
 * programme's); assets/demo/<relpath> is the fictional demo copy. */
datadir_status datadir_load_builtin_feed(model *m, feed_id feed, char err[DATADIR_ERR_LEN])
{
    char name[128];
    bool real = true;
    snprintf(name, sizeof name, "%s", feed_relpath(feed));
    const assets_file *a = assets_find(name);
    if (!a) {
        real = false;
        snprintf(name, sizeof name, DEMO_PREFIX "%s", feed_relpath(feed));
        a = assets_find(name);
    }
    if (!a)
        return DATADIR_OK; /* no built-in copy of this (optional) feed */
    parse_result res;
    datadir_status st =
        from_parse(parse_feed(m, feed, (const char *)a->data, a->size, &res), name, &res, err);
    if (st == DATADIR_OK) {
        m->bundled[feed] = real;
        m->demo[feed] = !real;
    }
    return st;
}

datadir_status datadir_load_builtin(model **out, char err[DATADIR_ERR_LEN])
{
    return build(NULL, load_builtin_feed, out, err);
}

void datadir_feedstates(const char *dir, const model *m, feedstate_set *out)
{
    memset(out, 0, sizeof *out);
    for (int f = 0; f < FEED_COUNT; f++) {
        feedstate *st = &out->feeds[f];
        char path[PATH_MAX];
        struct stat sb;
        if (!m->loaded[f])
            continue; /* FEEDSTATE_MISSING */
        if (m->bundled[f]) {
            st->kind = FEEDSTATE_BUNDLED;
            st->data_time = DATADIR_BUNDLED_EIG_TIME;
            continue;
        }
        if (m->demo[f] || !dir) {
            st->kind = FEEDSTATE_DEMO;
            continue;
        }
        st->kind = FEEDSTATE_OFFLINE;
        if (fileio_join(path, sizeof path, dir, feed_relpath((feed_id)f)) && stat(path, &sb) == 0)
            st->data_time = (int64_t)sb.st_mtime;
    }
}

datadir_status datadir_load_or_builtin(const char *dir, model **out, feedstate_set *fs,
                                       char err[DATADIR_ERR_LEN])
{
    datadir_status st = DATADIR_FAILED;
    if (dir) {
        st = datadir_load(dir, out, err);
        if (st == DATADIR_OK)
            log_info("datadir", "data from %s (offline)", dir);
        else
            log_error("datadir", "%s; showing the built-in data instead", err);
    }
    if (st != DATADIR_OK) {
        dir = NULL;
        st = datadir_load_builtin(out, err);
        if (st == DATADIR_OK)
            log_info("datadir", "showing the built-in data (demo for the beta.gouv.fr feeds)");
    }
    if (st == DATADIR_OK)
        datadir_feedstates(dir, *out, fs);
    return st;
}
