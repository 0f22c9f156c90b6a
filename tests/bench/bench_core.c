/* bench_core: times parse, statistics and JSON on a data dir, without the process around it:
 * parsing (the five feeds and the local programme data into a new model),
 * statistics (stats_compute) and the --dump-stats JSON (statsjson_print).
 * Files are read into memory once, before any timing. Prints one line per
 * figure, "name=value", medians over --runs runs; toolchain/bench.sh reads
 * them. A benchmark, not a test: nothing here has a time budget.
 *   bench_core DATA_DIR [--runs N] [--now YYYY-MM-DD] */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"

#include "assets.h"
#include "vitrine/fileio.h"
#include "vitrine/memtune.h"
#include "vitrine/parse.h"
#include "vitrine/stats.h"
#include "vitrine/statsjson.h"

#define BENCH_DEFAULT_RUNS 20
#define BENCH_MAX_RUNS 1000
#define BENCH_DEFAULT_NOW "2026-08-20"
#define LOCAL_ASSET "local/programme.json"

typedef struct {
    char *buf[FEED_COUNT]; /* NULL: the feed's file is absent (optional) */
    size_t len[FEED_COUNT];
    size_t bytes;
} feed_files;

static bool read_files(const char *dir, feed_files *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < FEED_COUNT; i++) {
        char path[PATH_MAX], err[FILEIO_ERR_LEN];
        if (!fileio_join(path, sizeof path, dir, feed_relpath((feed_id)i)))
            return false;
        if (!feed_required((feed_id)i) && !fileio_exists(path))
            continue;
        if (fileio_read(path, PARSE_MAX_BYTES, &f->buf[i], &f->len[i], err) != FILEIO_OK) {
            fprintf(stderr, "bench_core: %s\n", err);
            return false;
        }
        f->bytes += f->len[i];
    }
    return true;
}

/* One model from the files, as datadir_load builds it; NULL on a rejected
 * feed (reported). */
static model *parse_all(const feed_files *f)
{
    const assets_file *local = assets_find(LOCAL_ASSET);
    model *m = model_new();
    parse_result res;
    for (int i = 0; m && i < FEED_COUNT; i++) {
        if (f->buf[i] && parse_feed(m, (feed_id)i, f->buf[i], f->len[i], &res) != PARSE_OK) {
            fprintf(stderr, "bench_core: %s: %s\n", feed_name((feed_id)i), res.error);
            model_free(m);
            return NULL;
        }
    }
    if (m && local && parse_local(m, (const char *)local->data, local->size, &res) != PARSE_OK) {
        model_free(m);
        return NULL;
    }
    return m;
}

static bool parse_args(int argc, char **argv, const char **dir, int *runs, vt_date *now)
{
    *dir = NULL;
    *runs = BENCH_DEFAULT_RUNS;
    *now = date_parse(BENCH_DEFAULT_NOW);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > BENCH_MAX_RUNS)
                return false;
            *runs = (int)n;
        } else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
            if ((*now = date_parse(argv[++i])) == DATE_NONE)
                return false;
        } else if (!*dir && argv[i][0] != '-') {
            *dir = argv[i];
        } else {
            return false;
        }
    }
    return *dir != NULL;
}

int main(int argc, char **argv)
{
    const char *dir;
    int runs;
    vt_date now;
    memtune_apply();
    parse_use_arenas();
    if (!parse_args(argc, argv, &dir, &runs, &now)) {
        fprintf(stderr, "usage: bench_core DATA_DIR [--runs 1..%d] [--now YYYY-MM-DD]\n",
                BENCH_MAX_RUNS);
        return 2;
    }
    feed_files files;
    double *parse_t = calloc((size_t)runs, sizeof *parse_t);
    double *stats_t = calloc((size_t)runs, sizeof *stats_t);
    double *json_t = calloc((size_t)runs, sizeof *json_t);
    int rc = 1;
    model *m = NULL;
    if (!parse_t || !stats_t || !json_t || !read_files(dir, &files))
        goto done;
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        model *tmp = parse_all(&files);
        parse_t[r] = now_ms() - t0;
        if (!tmp)
            goto done;
        model_free(m);
        m = tmp;
    }
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        stats *s = stats_compute(m, now);
        stats_t[r] = now_ms() - t0;
        t0 = now_ms();
        char *json = s ? statsjson_print(s) : NULL;
        json_t[r] = now_ms() - t0;
        bool ok = json != NULL;
        free(json);
        stats_free(s);
        if (!ok)
            goto done;
    }
    printf("bytes=%zu\nproducts=%zu\nmembers=%zu\nruns=%d\n", files.bytes, m->n_products,
           m->n_members, runs);
    printf("parse_ms=%.3f\nstats_ms=%.3f\njson_ms=%.3f\n", median(parse_t, runs),
           median(stats_t, runs), median(json_t, runs));
    rc = 0;
done:
    model_free(m);
    for (int i = 0; i < FEED_COUNT; i++)
        free(files.buf[i]);
    free(parse_t);
    free(stats_t);
    free(json_t);
    return rc;
}
