/* reader: implements reader.h with one thread, started at the first
 * request, a condition variable for the requests and one result slot per
 * kind. */
#include "reader.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/log.h"

struct reader {
    reader_options opt;
    char config_path[CONFIG_PATH_LEN], data_dir[CONFIG_PATH_LEN]; /* "": none */
    pthread_t thread;
    bool started, inline_only; /* inline_only: no thread could be started */
    pthread_mutex_t lock;      /* everything below */
    pthread_cond_t wake;
    bool stop;
    bool wanted[READER_KINDS];
    bool done[READER_KINDS]; /* a result waits for the loop */
    config *cfg;             /* a read not taken yet (54 KB: kept on the heap, passed by pointer) */
    config_status cfg_status;
    char cfg_err[CONFIG_ERR_LEN];
    model *m;
    feedstate_set fs;
    char data_err[DATADIR_ERR_LEN];
    char posters_dir[CONFIG_PATH_LEN]; /* the newest request's */
    int posters_w, posters_h;
    posters_limits posters_limits;
    uint64_t posters_scanned; /* signature of the last scan; 0: none or no folder */
    posters *posters;         /* a scan not taken yet */
};

reader *reader_new(const reader_options *opt)
{
    reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (pthread_mutex_init(&r->lock, NULL) != 0) {
        free(r);
        return NULL;
    }
    if (pthread_cond_init(&r->wake, NULL) != 0) {
        pthread_mutex_destroy(&r->lock);
        free(r);
        return NULL;
    }
    r->opt = *opt;
    snprintf(r->config_path, sizeof r->config_path, "%s", opt->config_path ? opt->config_path : "");
    snprintf(r->data_dir, sizeof r->data_dir, "%s", opt->data_dir ? opt->data_dir : "");
    return r;
}

/* A scan of the posters when their folder changed; false when it did not
 * (nothing to post). Returns with the lock held when true. */
static bool scan_posters(reader *r)
{
    char dir[CONFIG_PATH_LEN];
    pthread_mutex_lock(&r->lock);
    memcpy(dir, r->posters_dir, sizeof dir);
    int w = r->posters_w, h = r->posters_h;
    posters_limits lim = r->posters_limits;
    uint64_t before = r->posters_scanned;
    pthread_mutex_unlock(&r->lock);
    uint64_t now = posters_signature(dir, w, h, &lim);
    if (now == before)
        return false;           /* the same files at the same size, or still no folder */
    memgate_enter(r->opt.gate); /* decoding: not during a slide transition */
    posters *p = posters_scan(dir, w, h, &lim);
    memgate_leave(r->opt.gate);
    pthread_mutex_lock(&r->lock);
    r->posters_scanned = now;
    if (!p) {
        log_error("kiosk", "out of memory scanning the posters of %s; keeping those on screen",
                  dir);
        pthread_mutex_unlock(&r->lock);
        return false;
    }
    posters_free(r->posters);
    r->posters = p;
    return true;
}

/* One read, outside the lock; its result replaces an older one not taken. */
static void run_one(reader *r, reader_kind kind)
{
    if (kind == READER_POSTERS) {
        if (!scan_posters(r))
            return;
    } else if (kind == READER_CONFIG) {
        config *c = malloc(sizeof *c);
        char err[CONFIG_ERR_LEN] = "out of memory reading the configuration";
        config_status st =
            c ? config_load(*r->config_path ? r->config_path : NULL, c, err) : CONFIG_NOMEM;
        pthread_mutex_lock(&r->lock);
        free(r->cfg);
        r->cfg = c;
        r->cfg_status = st;
        memcpy(r->cfg_err, err, sizeof err);
    } else {
        model *m = NULL;
        feedstate_set fs;
        char err[DATADIR_ERR_LEN] = "";
        memgate_enter(r->opt.gate); /* not during a slide transition */
        datadir_status st = datadir_load(r->data_dir, &m, err);
        memgate_leave(r->opt.gate);
        if (st == DATADIR_OK)
            datadir_feedstates(r->data_dir, m, &fs);
        pthread_mutex_lock(&r->lock);
        model_free(r->m);
        r->m = m;
        if (m)
            r->fs = fs;
        memcpy(r->data_err, err, sizeof err);
    }
    r->done[kind] = true;
    pthread_mutex_unlock(&r->lock);
    SDL_Event ev = {0};
    ev.type = r->opt.event_type;
    if (SDL_PushEvent(&ev) < 1)
        log_warn("kiosk", "a file read finished without an event (%s)", SDL_GetError());
    if (r->opt.wake)
        r->opt.wake(r->opt.wake_ctx);
}

static void *thread_main(void *arg)
{
    reader *r = arg;
    pthread_mutex_lock(&r->lock);
    while (!r->stop) {
        int kind = 0;
        while (kind < READER_KINDS && !r->wanted[kind])
            kind++;
        if (kind == READER_KINDS) {
            pthread_cond_wait(&r->wake, &r->lock);
            continue;
        }
        r->wanted[kind] = false;
        pthread_mutex_unlock(&r->lock);
        run_one(r, (reader_kind)kind);
        pthread_mutex_lock(&r->lock);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

void reader_request(reader *r, reader_kind kind)
{
    if (!r->started && !r->inline_only) {
        int rc = pthread_create(&r->thread, NULL, thread_main, r);
        r->started = rc == 0;
        r->inline_only = rc != 0;
        if (rc != 0)
            log_warn("kiosk", "no thread for file reads (%s): reading on the loop's thread",
                     strerror(rc));
    }
    if (r->inline_only) {
        run_one(r, kind);
        return;
    }
    pthread_mutex_lock(&r->lock);
    r->wanted[kind] = true;
    pthread_cond_signal(&r->wake);
    pthread_mutex_unlock(&r->lock);
}

void reader_request_posters(reader *r, const config_kiosk *kc, int w, int h)
{
    pthread_mutex_lock(&r->lock);
    snprintf(r->posters_dir, sizeof r->posters_dir, "%s", kc->posters_dir);
    r->posters_w = w, r->posters_h = h;
    r->posters_limits = (posters_limits){.max_pixels = (long)kc->poster_max_pixels,
                                         .max_bytes = kc->posters_max_bytes};
    pthread_mutex_unlock(&r->lock);
    reader_request(r, READER_POSTERS);
}

bool reader_take_posters(reader *r, posters **p)
{
    pthread_mutex_lock(&r->lock);
    bool done = r->done[READER_POSTERS];
    if (done) {
        *p = r->posters;
        r->posters = NULL;
        r->done[READER_POSTERS] = false;
    }
    pthread_mutex_unlock(&r->lock);
    return done;
}

bool reader_take_config(reader *r, config **c, config_status *st, char err[CONFIG_ERR_LEN])
{
    pthread_mutex_lock(&r->lock);
    bool done = r->done[READER_CONFIG];
    if (done) {
        *c = r->cfg;
        r->cfg = NULL;
        *st = r->cfg_status;
        memcpy(err, r->cfg_err, CONFIG_ERR_LEN);
        r->done[READER_CONFIG] = false;
    }
    pthread_mutex_unlock(&r->lock);
    return done;
}

bool reader_take_data(reader *r, model **m, feedstate_set *fs, char err[DATADIR_ERR_LEN])
{
    pthread_mutex_lock(&r->lock);
    bool done = r->done[READER_DATA_DIR];
    if (done) {
        *m = r->m;
        *fs = r->fs;
        memcpy(err, r->data_err, DATADIR_ERR_LEN);
        r->m = NULL;
        r->done[READER_DATA_DIR] = false;
    }
    pthread_mutex_unlock(&r->lock);
    return done;
}

void reader_free(reader *r)
{
    if (!r)
        return;
    if (r->started) {
        pthread_mutex_lock(&r->lock);
        r->stop = true;
        pthread_cond_signal(&r->wake);
        pthread_mutex_unlock(&r->lock);
        pthread_join(r->thread, NULL);
    }
    model_free(r->m);
    free(r->cfg);
    posters_free(r->posters);
    pthread_cond_destroy(&r->wake);
    pthread_mutex_destroy(&r->lock);
    free(r);
}
