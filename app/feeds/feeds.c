/* feeds: the fetch thread, its schedule and the mailbox to the main
 * thread. The due feeds are fetched in one parallel batch (fetch_all), each
 * finished as its transfer ends. The thread owns the refresh states, the
 * cache and the fetcher once started; the main thread only touches the
 * mailbox (under the lock, never held during a fetch or a parse). */
#include "vitrine/feeds.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "fetch.h"
#include "refresh.h"
#include "snapshot.h"
#include "vitrine/log.h"
#include "vitrine/vclock.h"

struct feeds {
    config cfg;
    bool offline;
    cache *cache; /* NULL when the cache dir is unusable */
    fetch *fetch;
    refresh_feed feeds[FEED_COUNT];
    bool requested[FEED_COUNT]; /* fetch thread: a refresh request is pending (due or running) */
    int64_t requested_ms;       /* fetch thread: when that refresh was requested */
    snapshot_origin shown;      /* what the last snapshot carried */
    snapshot_parts parts;       /* the built-in and local data the snapshots share */
    uint64_t rng;
    atomic_bool cancel;

    pthread_t thread;
    bool running;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop, refresh_now;    /* under lock */
    bool check_disk;           /* under lock: a refresh request for the feeds not fetched */
    bool mail_ready;           /* under lock */
    model *mail_model;         /* under lock; NULL: states only */
    feedstate_set mail_states; /* under lock */
    feeds_notify_fn notify;
    void *userdata;
    memgate *gate; /* borrowed; NULL: none */
};

/* Serves a refresh request (R, SIGUSR1), under the lock (the flag is set by
 * other threads; requested[] is the fetch thread's own): every feed falls
 * due now, unless the request comes within FEEDS_REQUEST_JOIN_MS of a
 * requested refresh still pending (a feed of it due, or its transfer
 * running): it joins that one, so a burst is one refresh however fast
 * each feed answers, and a stalled feed does not hold back a later R. */
static void take_refresh_request(feeds *f, int64_t now)
{
    if (!f->refresh_now)
        return;
    f->refresh_now = false;
    f->check_disk = true;
    bool pending = false;
    for (int i = 0; i < FEED_COUNT; i++)
        pending |= f->requested[i];
    if (pending && now - f->requested_ms < FEEDS_REQUEST_JOIN_MS) {
        log_debug("feeds", "refresh request joins the one in progress");
        return;
    }
    f->requested_ms = now;
    for (int i = 0; i < FEED_COUNT; i++) {
        if (!refresh_fetchable(&f->feeds[i], f->offline))
            continue;
        f->requested[i] = true;
        f->feeds[i].due_ms = now; /* no effect on a transfer running */
    }
}

/* xorshift64*: jitter only, so screens of a fleet drift apart. */
static double next_uniform(feeds *f)
{
    f->rng ^= f->rng >> 12;
    f->rng ^= f->rng << 25;
    f->rng ^= f->rng >> 27;
    return (double)((f->rng * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static bool init_sync(feeds *f, char err[FEEDS_ERR_LEN])
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return false;
    bool ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
              pthread_cond_init(&f->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (!ok || pthread_mutex_init(&f->lock, NULL) != 0) {
        if (ok)
            pthread_cond_destroy(&f->wake);
        snprintf(err, FEEDS_ERR_LEN, "feeds: cannot create thread primitives");
        return false;
    }
    return true;
}

feeds *feeds_new(const config *cfg, bool offline, char err[FEEDS_ERR_LEN])
{
    feeds *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, FEEDS_ERR_LEN, "feeds: out of memory");
        return NULL;
    }
    f->cfg = *cfg;
    f->offline = offline;
    atomic_init(&f->cancel, false);
    if (!init_sync(f, err)) {
        free(f);
        return NULL;
    }
    char cerr[CACHE_ERR_LEN];
    if (!(f->cache = cache_open(f->cfg.cache_dir, cerr)))
        log_error("feeds", "%s: no cached copies; new data is shown from memory only", cerr);
    f->rng = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)f;
    if (!f->rng)
        f->rng = 1;
    bool fetches = false;
    for (int i = 0; i < FEED_COUNT; i++) {
        refresh_init(&f->feeds[i], (feed_id)i, &f->cfg.feeds[i], f->cache);
        fetches = fetches || refresh_fetchable(&f->feeds[i], offline);
    }
    /* With nothing to fetch (offline), curl and its TLS libraries are never
     * initialised: about 3 MiB of the offline kiosk's resident memory. */
    char ferr[FETCH_ERR_LEN];
    if (fetches && !(f->fetch = fetch_new(&f->cancel, ferr))) {
        snprintf(err, FEEDS_ERR_LEN, "%s", ferr);
        feeds_free(f);
        return NULL;
    }
    return f;
}

static void stop_thread(feeds *f)
{
    if (!f->running)
        return;
    pthread_mutex_lock(&f->lock);
    f->stop = true;
    atomic_store(&f->cancel, true);
    if (f->fetch)
        fetch_wake(f->fetch); /* a batch in progress stops now, not at its next poll */
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->thread, NULL);
    f->running = false;
}

void feeds_free(feeds *f)
{
    if (!f)
        return;
    stop_thread(f);
    for (int i = 0; i < FEED_COUNT; i++)
        refresh_release(&f->feeds[i]);
    snapshot_parts_release(&f->parts);
    model_free(f->mail_model);
    fetch_free(f->fetch);
    cache_free(f->cache);
    pthread_cond_destroy(&f->wake);
    pthread_mutex_destroy(&f->lock);
    free(f);
}

static void current_states(const feeds *f, feedstate_set *fs)
{
    for (int i = 0; i < FEED_COUNT; i++)
        fs->feeds[i] = refresh_state(&f->feeds[i], f->offline, f->shown.shown[i]);
}

feeds_status feeds_load(feeds *f, model **m, feedstate_set *fs, char err[FEEDS_ERR_LEN])
{
    char serr[SNAPSHOT_ERR_LEN];
    snapshot_status st = snapshot_build(f->feeds, f->cache, &f->parts, m, &f->shown, serr);
    if (st != SNAPSHOT_OK) {
        snprintf(err, FEEDS_ERR_LEN, "%s", serr);
        return st == SNAPSHOT_NOMEM ? FEEDS_NOMEM : FEEDS_FAILED;
    }
    current_states(f, fs);
    return FEEDS_OK;
}

/* One parallel batch: the feeds it may fetch, what changed and is not
 * published yet, and since when. */
typedef struct {
    feeds *f;
    refresh_feed *feed[FEED_COUNT]; /* by request index */
    bool all;                       /* every feed once now (--dump-stats), not when due */
    bool taken[FEED_COUNT];         /* all: started already */
    bool data_changed, state_changed;
    int64_t changed_since_ms; /* first unpublished change; 0: none */
} batch;

/* Hands the screens a snapshot of what changed (a new model when data did,
 * else only the feed states) and clears the batch's changes. */
static void publish(feeds *f, batch *b)
{
    bool data_changed = b->data_changed;
    b->data_changed = b->state_changed = false;
    b->changed_since_ms = 0;
    if (atomic_load(&f->cancel) || !f->notify)
        return; /* stopping, or --dump-stats: nobody takes it */
    model *m = NULL;
    char err[SNAPSHOT_ERR_LEN];
    memgate_enter(f->gate);
    if (data_changed &&
        snapshot_build(f->feeds, f->cache, &f->parts, &m, &f->shown, err) != SNAPSHOT_OK) {
        log_error("feeds", "%s; the screens keep the previous data", err);
        m = NULL;
    }
    memgate_leave(f->gate);
    feedstate_set fs;
    current_states(f, &fs);
    pthread_mutex_lock(&f->lock);
    if (m) { /* a newer model replaces one not taken yet */
        model_free(f->mail_model);
        f->mail_model = m;
    }
    f->mail_states = fs;
    f->mail_ready = true;
    pthread_mutex_unlock(&f->lock);
    f->notify(f->userdata);
}

/* A transfer ended: the feed is validated, committed and rescheduled while
 * the others' transfers wait. */
static void on_fetched(void *ctx, size_t index, fetch_status st, fetch_result *res)
{
    batch *b = ctx;
    refresh_feed *r = b->feed[index];
    b->f->requested[r->feed] = false;
    bool changed = false;
    bool state = refresh_finish(r, b->f->cache, st, res, (int64_t)time(NULL), &changed);
    b->data_changed |= changed;
    b->state_changed |= state;
    if ((changed || state) && !b->changed_since_ms)
        b->changed_since_ms = vclock_system_ms();
    refresh_schedule(r, vclock_system_ms(), next_uniform(b->f));
}

/* A feed starts when it is due, also while another one's transfer runs;
 * its request (validators of the copy it has now) is made then. */
static bool feed_due(void *ctx, size_t index, fetch_request *req)
{
    batch *b = ctx;
    refresh_feed *r = b->feed[index];
    if (b->all ? b->taken[index] : r->due_ms > vclock_system_ms())
        return false;
    b->taken[index] = true;
    if (refresh_take_disk_copy(r, b->f->cache)) { /* vitrine --accept, say */
        b->data_changed = true;
        if (!b->changed_since_ms)
            b->changed_since_ms = vclock_system_ms();
    }
    *req = refresh_start(r, b->f->cache, (int64_t)time(NULL));
    return true;
}

/* While transfers run: R / SIGUSR1 makes every feed due, and what changed
 * reaches the screens within FEEDS_PUBLISH_WAIT_MS, not after the slowest
 * transfer (a stalled feed can take minutes to give up). */
static void on_tick(void *ctx)
{
    batch *b = ctx;
    feeds *f = b->f;
    int64_t now = vclock_system_ms();
    pthread_mutex_lock(&f->lock);
    take_refresh_request(f, now);
    pthread_mutex_unlock(&f->lock);
    if (b->changed_since_ms && now - b->changed_since_ms >= FEEDS_PUBLISH_WAIT_MS)
        publish(f, b);
}

/* Fetches the fetchable feeds as they fall due (all of them when all), in
 * one parallel batch, then publishes what is left to publish. */
static void refresh_batch(feeds *f, bool all)
{
    batch b = {.f = f, .all = all};
    size_t n = 0;
    for (int i = 0; i < FEED_COUNT; i++)
        if (refresh_fetchable(&f->feeds[i], f->offline))
            b.feed[n++] = &f->feeds[i];
    fetch_hooks h = {.ready = feed_due, .done = on_fetched, .tick = on_tick, .ctx = &b};
    if (f->fetch)
        fetch_all(f->fetch, n, &h);
    if (b.data_changed || b.state_changed)
        publish(f, &b);
}

void feeds_refresh_all(feeds *f)
{
    refresh_batch(f, true);
}

/* Earliest due time among fetched feeds; INT64_MAX when none. */
static int64_t next_due(const feeds *f)
{
    int64_t due = INT64_MAX;
    for (int i = 0; i < FEED_COUNT; i++)
        if (refresh_fetchable(&f->feeds[i], f->offline) && f->feeds[i].due_ms < due)
            due = f->feeds[i].due_ms;
    return due;
}

static void wait_until(feeds *f, int64_t due_ms)
{
    if (due_ms == INT64_MAX) {
        pthread_cond_wait(&f->wake, &f->lock);
        return;
    }
    struct timespec ts = {.tv_sec = (time_t)(due_ms / VCLOCK_MS_PER_S),
                          .tv_nsec = (long)(due_ms % VCLOCK_MS_PER_S) * VCLOCK_NS_PER_MS};
    pthread_cond_timedwait(&f->wake, &f->lock, &ts);
}

/* A feed that is not fetched (offline) still takes, at a refresh request,
 * a copy written in the cache folder since (vitrine --accept). */
static void take_disk_copies(feeds *f)
{
    batch b = {.f = f};
    for (int i = 0; i < FEED_COUNT; i++)
        if (!refresh_fetchable(&f->feeds[i], f->offline) &&
            refresh_take_disk_copy(&f->feeds[i], f->cache))
            b.data_changed = true;
    if (b.data_changed)
        publish(f, &b);
}

static void *thread_main(void *arg)
{
    feeds *f = arg;
    pthread_mutex_lock(&f->lock);
    while (!f->stop) {
        int64_t now = vclock_system_ms();
        take_refresh_request(f, now);
        if (f->check_disk) {
            f->check_disk = false;
            pthread_mutex_unlock(&f->lock);
            take_disk_copies(f);
            pthread_mutex_lock(&f->lock);
            continue;
        }
        int64_t due = next_due(f);
        if (due > now) {
            wait_until(f, due);
            continue;
        }
        pthread_mutex_unlock(&f->lock);
        refresh_batch(f, false);
        pthread_mutex_lock(&f->lock);
    }
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

void feeds_set_gate(feeds *f, memgate *gate)
{
    f->gate = gate;
    for (int i = 0; i < FEED_COUNT; i++)
        f->feeds[i].gate = gate;
}

feeds_status feeds_start(feeds *f, feeds_notify_fn notify, void *userdata, char err[FEEDS_ERR_LEN])
{
    if (f->running) {
        snprintf(err, FEEDS_ERR_LEN, "feeds: already started");
        return FEEDS_FAILED;
    }
    f->notify = notify;
    f->userdata = userdata;
    int64_t now = vclock_system_ms();
    for (int i = 0; i < FEED_COUNT; i++) /* spread a fleet's start-up requests */
        f->feeds[i].due_ms = now + (int64_t)(next_uniform(f) * REFRESH_START_JITTER_MS);
    if (pthread_create(&f->thread, NULL, thread_main, f) != 0) {
        snprintf(err, FEEDS_ERR_LEN, "feeds: cannot start the fetch thread");
        return FEEDS_FAILED;
    }
    f->running = true;
    return FEEDS_OK;
}

bool feeds_take(feeds *f, model **m, feedstate_set *fs)
{
    pthread_mutex_lock(&f->lock);
    bool ready = f->mail_ready;
    if (ready) {
        *m = f->mail_model;
        *fs = f->mail_states;
        f->mail_model = NULL;
        f->mail_ready = false;
    }
    pthread_mutex_unlock(&f->lock);
    return ready;
}

void feeds_refresh_now(feeds *f)
{
    pthread_mutex_lock(&f->lock);
    f->refresh_now = true;
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->lock);
}

bool feeds_all_real(const feedstate_set *fs)
{
    for (int i = 0; i < FEED_COUNT; i++) {
        feedstate_kind k = fs->feeds[i].kind;
        if (!feed_has_figures((feed_id)i))
            continue; /* the announcements are no figure */
        if (k == FEEDSTATE_DEMO || (k == FEEDSTATE_MISSING && feed_required((feed_id)i)))
            return false;
    }
    return true;
}

static void format_time(int64_t t, char *out, size_t outsz)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (t <= 0 || !gmtime_r(&tt, &tm) || !strftime(out, outsz, "%Y-%m-%d %H:%M UTC", &tm))
        snprintf(out, outsz, "unknown date");
}

/* Run as root, the accept writes as the owner of the cache folder (the
 * kiosk's user): the files it makes are the kiosk's from their creation,
 * never root's for an instant. False with err when it cannot. */
static bool act_as_owner(const char *dir, char err[FEEDS_ERR_LEN])
{
    struct stat st;
    if (geteuid() != 0 || stat(dir, &st) != 0 || st.st_uid == 0)
        return true;
    if (setegid(st.st_gid) == 0 && seteuid(st.st_uid) == 0)
        return true;
    snprintf(err, FEEDS_ERR_LEN, "%.400s: cannot act as its owner (uid %lu): %s", dir,
             (unsigned long)st.st_uid, strerror(errno));
    return false;
}

static void act_as_root_again(void)
{
    if (geteuid() != 0 && (seteuid(0) != 0 || setegid(0) != 0))
        log_debug("feeds", "back to root: %s", strerror(errno));
}

feeds_status feeds_accept(const char *cache_dir, feed_id feed, char out[FEEDS_LINE_LEN],
                          char err[FEEDS_ERR_LEN])
{
    char cerr[CACHE_ERR_LEN], when[64];
    cachemeta meta;
    bool was_root = geteuid() == 0;
    if (!act_as_owner(cache_dir, err))
        return FEEDS_FAILED;
    cache *c = cache_open(cache_dir, cerr);
    cache_status st = c ? cache_accept_held(c, feed_name(feed), REFRESH_COPY_MAX_BYTES,
                                            (int64_t)time(NULL), &meta, cerr)
                        : CACHE_IO_ERROR;
    cache_free(c);
    if (was_root)
        act_as_root_again();
    if (st == CACHE_OK) {
        format_time(meta.fetched_at, when, sizeof when);
        snprintf(out, FEEDS_LINE_LEN,
                 "[%s] the body held since %s (%zu records, %zu bytes) is the last good copy now",
                 feed_name(feed), when, meta.records, meta.size);
        log_info("feeds", "%s (vitrine --accept)", out);
    } else if (st == CACHE_ABSENT) {
        snprintf(err, FEEDS_ERR_LEN, "[%s] no held body in %.400s (nothing to accept)",
                 feed_name(feed), cache_dir);
    } else {
        snprintf(err, FEEDS_ERR_LEN, "[%s] %.480s", feed_name(feed), cerr);
    }
    return st == CACHE_OK ? FEEDS_OK : FEEDS_FAILED;
}

void feeds_describe(feed_id feed, const feedstate *st, char out[FEEDS_LINE_LEN])
{
    char when[64];
    format_time(st->data_time, when, sizeof when);
    const char *name = feed_name(feed);
    const char *copy = st->unsaved ? "copy in memory, not kept on disk," : "cached copy";
    switch (st->kind) {
    case FEEDSTATE_FRESH:
        if (st->unsaved)
            snprintf(out, FEEDS_LINE_LEN, "[%s] fresh data of %s, not kept on disk", name, when);
        else
            out[0] = '\0';
        break;
    case FEEDSTATE_STALE:
        snprintf(out, FEEDS_LINE_LEN, "[%s] not refreshed yet; %s of %s", name, copy, when);
        break;
    case FEEDSTATE_FAILING:
        snprintf(out, FEEDS_LINE_LEN, "[%s] not refreshed (%s); %s of %s", name, st->reason, copy,
                 when);
        break;
    case FEEDSTATE_HELD:
        snprintf(out, FEEDS_LINE_LEN, "[%s] new body %s; %s of %s shown (vitrine --accept %s)",
                 name, st->reason, copy, when, name);
        break;
    case FEEDSTATE_OFFLINE:
        snprintf(out, FEEDS_LINE_LEN, "[%s] offline; %s of %s", name, copy, when);
        break;
    case FEEDSTATE_DEMO:
        snprintf(out, FEEDS_LINE_LEN, "[%s] demo data used (%s)", name, st->reason);
        break;
    case FEEDSTATE_BUNDLED:
        /* The normal source of a feed with no url: nothing to say. A
         * configured source not read yet is worth a line. */
        if (strcmp(st->reason, REFRESH_REASON_NO_URL) == 0)
            out[0] = '\0';
        else
            snprintf(out, FEEDS_LINE_LEN,
                     "[%s] %s; the bundled copy of the EIG programme site (5 September 2022) "
                     "stands in",
                     name, st->reason);
        break;
    case FEEDSTATE_MISSING:
        if (strcmp(st->reason, REFRESH_REASON_UNSET) == 0) { /* an optional feed left unset */
            out[0] = '\0';
            break;
        }
        snprintf(out, FEEDS_LINE_LEN, "[%s] no data (%s)", name,
                 *st->reason ? st->reason : "no cached copy and no bundled copy");
        break;
    }
}
