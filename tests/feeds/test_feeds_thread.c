/* feeds: the fetch thread hands complete snapshots to the caller: first
 * real data, then a states-only update when a feed starts failing (the data
 * stays), then new data; feeds_free aborts the transfers in progress at once;
 * a stalled feed holds back neither the others' data nor their refresh. */
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#include "cache.h"
#include "feedtest.h"
#include "vitrine/feeds.h"
#include "vitrine/log.h"
#include "vitrine/vclock.h"

#define WAIT_S 30      /* bound on waiting for the thread; never reached when it works */
#define STOP_MS 2000   /* feeds_free with stalled transfers: at once, or nearly */
#define STALL_MS 30000 /* a_stall_holds_nothing_back: the stalled feed's timeout */

static char dir[] = "/tmp/vitrine-thread-XXXXXX";
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int notified;

static void on_notify(void *userdata)
{
    (void)userdata;
    pthread_mutex_lock(&lock);
    notified++;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
}

/* Waits for a notification, then takes the mailbox. */
static bool wait_take(feeds *f, model **m, feedstate_set *fs)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += WAIT_S;
    pthread_mutex_lock(&lock);
    while (!notified && pthread_cond_timedwait(&cond, &lock, &until) == 0)
        ;
    bool got = notified > 0;
    notified = 0;
    pthread_mutex_unlock(&lock);
    return got && feeds_take(f, m, fs);
}

static void copy_fixture(const char *name, const char *to)
{
    char cmd[3 * CONFIG_PATH_LEN];
    snprintf(cmd, sizeof cmd, "cp %s/%s %s", FIXTURES, name, to);
    CHECK(system(cmd) == 0);
}

static void snapshots_reach_the_caller(void)
{
    config cfg;
    config_defaults(&cfg);
    snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "%s/cache", dir);
    for (int i = 0; i < FEED_COUNT; i++) {
        config_feed *cf = &cfg.feeds[i];
        snprintf(cf->url, sizeof cf->url, "%s/%s.json", dir, feed_name((feed_id)i));
        cf->url_kind = CONFIG_URL_FILE;
        copy_fixture(strrchr(cf->url, '/') + 1, cf->url);
    }
    char err[FEEDS_ERR_LEN];
    feeds *f = feeds_new(&cfg, false, err);
    CHECK(f != NULL);
    model *m = NULL;
    feedstate_set fs;
    CHECK_INT(feeds_load(f, &m, &fs, err), FEEDS_OK); /* no cache yet: demo or nothing */
    CHECK(fs.feeds[FEED_STARTUPS].kind == FEEDSTATE_DEMO ||
          fs.feeds[FEED_STARTUPS].kind == FEEDSTATE_MISSING);
    model_free(m);
    CHECK(!feeds_take(f, &m, &fs)); /* nothing before the thread runs */
    CHECK_INT(feeds_start(f, on_notify, NULL, err), FEEDS_OK);
    feeds_refresh_now(f);

    m = NULL;
    CHECK(wait_take(f, &m, &fs));
    CHECK(m != NULL);
    CHECK_INT(m ? m->n_products : 0, 3);
    for (int i = 0; i < FEED_COUNT; i++)
        CHECK_INT(fs.feeds[i].kind, FEEDSTATE_FRESH);
    model_free(m);

    FILE *bad = fopen(cfg.feeds[FEED_STARTUPS].url, "w");
    fputs("{\"data\": [", bad);
    fclose(bad);
    feeds_refresh_now(f);
    m = NULL;
    CHECK(wait_take(f, &m, &fs));
    CHECK(m == NULL); /* states only: the data on screen stays */
    CHECK_INT(fs.feeds[FEED_STARTUPS].kind, FEEDSTATE_FAILING);
    CHECK(fs.feeds[FEED_STARTUPS].failing_since > 0);
    CHECK(strstr(fs.feeds[FEED_STARTUPS].reason, "not valid JSON") != NULL);
    CHECK_INT(fs.feeds[FEED_AUTHORS].kind, FEEDSTATE_FRESH);

    copy_fixture("startups_v2.json", cfg.feeds[FEED_STARTUPS].url);
    feeds_refresh_now(f);
    CHECK(wait_take(f, &m, &fs));
    CHECK_INT(m ? m->n_products : 0, 4);
    CHECK_INT(fs.feeds[FEED_STARTUPS].kind, FEEDSTATE_FRESH);
    model_free(m);
    feeds_free(f);

    /* A new process starts from the cache, instantly and without fetching. */
    f = feeds_new(&cfg, true, err);
    CHECK_INT(feeds_load(f, &m, &fs, err), FEEDS_OK);
    CHECK_INT(m ? m->n_products : 0, 4);
    CHECK_INT(fs.feeds[FEED_STARTUPS].kind, FEEDSTATE_STALE);
    model_free(m);
    feeds_free(f);
}

/* While one feed's transfer stalls (30 s before it gives up), the others
 * are read, their data published within FEEDS_PUBLISH_WAIT_MS, and a
 * refresh asked for meanwhile (R, SIGUSR1) fetches them again at once:
 * nothing waits for the stalled one. */
static void a_stall_holds_nothing_back(void)
{
    int port, s = feedtest_listener(&port);
    config cfg;
    config_defaults(&cfg);
    snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "%s/cache3", dir);
    for (int i = 0; i < FEED_COUNT; i++) {
        config_feed *cf = &cfg.feeds[i];
        if (i == FEED_STARTUPS) {
            snprintf(cf->url, sizeof cf->url, "http://127.0.0.1:%d/startups.json", port);
            cf->url_kind = CONFIG_URL_HTTP;
            cf->timeout_ms = STALL_MS;
            cf->low_speed_time_s = STALL_MS / 1000;
            continue;
        }
        char name[64];
        snprintf(name, sizeof name, "%s.json", feed_name((feed_id)i));
        snprintf(cf->url, sizeof cf->url, "%s/s-%s", dir, name);
        cf->url_kind = CONFIG_URL_FILE;
        copy_fixture(name, cf->url);
    }
    char err[FEEDS_ERR_LEN];
    feeds *f = feeds_new(&cfg, false, err);
    model *m = NULL;
    feedstate_set fs;
    int64_t t0 = vclock_system_ms();
    CHECK_INT(feeds_start(f, on_notify, NULL, err), FEEDS_OK);
    feeds_refresh_now(f);
    CHECK(wait_take(f, &m, &fs));
    CHECK_INT(m ? m->n_members : 0, 3);
    CHECK_INT(fs.feeds[FEED_AUTHORS].kind, FEEDSTATE_FRESH);
    model_free(m);
    FILE *two = fopen(cfg.feeds[FEED_AUTHORS].url, "w"); /* the network lost a member */
    fputs("[{\"id\": \"ada.lovelace\", \"domaine\": \"Développement\", \"missions\": "
          "[{\"start\": \"2021-01-01\", \"status\": \"independent\"}]},"
          "{\"id\": \"alan.turing\", \"domaine\": \"Coaching\", \"missions\": "
          "[{\"start\": \"2020-01-01\", \"status\": \"service\"}]}]",
          two);
    fclose(two);
    feeds_refresh_now(f);
    m = NULL;
    CHECK(wait_take(f, &m, &fs));
    CHECK_INT(m ? m->n_members : 0, 2);
    model_free(m);
    CHECK(vclock_system_ms() - t0 < STALL_MS / 2); /* the stall is still running */
    feeds_free(f);
    close(s);
}

static void free_aborts_a_transfer_in_progress(void)
{
    /* A listener that never answers: the transfer would wait 60 s. */
    int port, s = feedtest_listener(&port);
    config cfg;
    config_defaults(&cfg);
    snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "%s/cache2", dir);
    for (int i = 0; i < FEED_COUNT; i++) {
        config_feed *cf = &cfg.feeds[i];
        snprintf(cf->url, sizeof cf->url, "http://127.0.0.1:%d/x.json", port);
        cf->url_kind = CONFIG_URL_HTTP;
        cf->timeout_ms = 60000;
        cf->low_speed_time_s = 60;
    }
    char err[FEEDS_ERR_LEN];
    feeds *f = feeds_new(&cfg, false, err);
    CHECK_INT(feeds_start(f, on_notify, NULL, err), FEEDS_OK);
    feeds_refresh_now(f);
    usleep(300 * 1000); /* every feed's transfer waits for an answer */
    int64_t t0 = vclock_system_ms();
    feeds_free(f);
    CHECK(vclock_system_ms() - t0 < STOP_MS); /* cancelled, not run to its 60 s timeout */
    close(s);
}

/* An offline kiosk fetches nothing, yet a copy accepted into its cache
 * (vitrine --accept writes it, then sends SIGUSR1: feeds_refresh_now)
 * reaches the screens. */
static void offline_takes_an_accepted_copy(void)
{
    config cfg;
    config_defaults(&cfg);
    snprintf(cfg.cache_dir, sizeof cfg.cache_dir, "%s/cache4", dir);
    char err[FEEDS_ERR_LEN], cerr[CACHE_ERR_LEN];
    feeds *f = feeds_new(&cfg, true, err); /* http urls, offline: the demo data */
    model *m = NULL;
    feedstate_set fs;
    CHECK_INT(feeds_load(f, &m, &fs, err), FEEDS_OK);
    CHECK(m && m->demo[FEED_AUTHORS]);
    model_free(m);
    CHECK_INT(feeds_start(f, on_notify, NULL, err), FEEDS_OK);
    cache *c = cache_open(cfg.cache_dir, cerr);
    const char *body = "[{\"id\": \"ada\", \"missions\": [{\"start\": \"2021-01-01\"}]}]";
    cachemeta meta = {.fetched_at = 1000, .accepted_at = 2000, .records = 1};
    snprintf(meta.url, sizeof meta.url, "%s", cfg.feeds[FEED_AUTHORS].url);
    CHECK_INT(cache_store(c, "authors", body, strlen(body), &meta, cerr), CACHE_OK);
    cache_free(c);
    feeds_refresh_now(f);
    m = NULL;
    CHECK(wait_take(f, &m, &fs));
    CHECK(m && !m->demo[FEED_AUTHORS] && m->n_members == 1);
    CHECK_INT(fs.feeds[FEED_AUTHORS].accepted_at, 2000);
    model_free(m);
    feeds_free(f);
}

/* Local-path feeds from the fixtures in cfg, the cache in dir/sub. */
static void local_feeds(config *cfg, const char *sub)
{
    config_defaults(cfg);
    snprintf(cfg->cache_dir, sizeof cfg->cache_dir, "%s/%s", dir, sub);
    for (int i = 0; i < FEED_COUNT; i++) {
        config_feed *cf = &cfg->feeds[i];
        snprintf(cf->url, sizeof cf->url, "%s/%s-%s.json", dir, sub, feed_name((feed_id)i));
        cf->url_kind = CONFIG_URL_FILE;
        char name[64];
        snprintf(name, sizeof name, "%s.json", feed_name((feed_id)i));
        copy_fixture(name, cf->url);
    }
}

/* Waits for a snapshot carrying a new model (states-only ones are passed). */
static model *wait_model(feeds *f, feedstate_set *fs)
{
    model *m = NULL;
    for (int i = 0; i < 10 && !m; i++)
        if (!wait_take(f, &m, fs))
            break;
    return m;
}

/* Each body is parsed once: at start each cache file is read and parsed
 * once (its skipped record warned about once), and a refresh in which one
 * feed changed reads no other feed's cache file: the others come from
 * memory, even with their files damaged or gone meanwhile. */
static void a_change_reads_no_other_cache_file(void)
{
    config cfg;
    local_feeds(&cfg, "once");
    FILE *fp = fopen(cfg.feeds[FEED_AUTHORS].url, "w"); /* one record skipped: a warning */
    fputs("[{\"id\": \"ada\", \"missions\": [{\"start\": \"2021-01-01\"}]},"
          " {\"id\": \"bob\", \"missions\": [{\"start\": \"2021-01-01\"}]},"
          " {\"id\": \"bad\", \"fullname\": 5, \"missions\": [{\"start\": \"2021-01-01\"}]}]",
          fp);
    fclose(fp);
    char err[FEEDS_ERR_LEN];
    feeds *f = feeds_new(&cfg, false, err); /* fills the cache */
    model *m = NULL;
    feedstate_set fs;
    CHECK_INT(feeds_load(f, &m, &fs, err), FEEDS_OK);
    model_free(m);
    CHECK_INT(feeds_start(f, on_notify, NULL, err), FEEDS_OK);
    feeds_refresh_now(f);
    m = wait_model(f, &fs);
    CHECK_INT(m ? m->n_members : 0, 2);
    model_free(m);
    feeds_free(f);

    f = feeds_new(&cfg, false, err); /* a new start, from the cache */
    unsigned warned = log_warnings();
    CHECK_INT(feeds_load(f, &m, &fs, err), FEEDS_OK);
    CHECK_INT(log_warnings() - warned, 1); /* authors' skipped record, once */
    CHECK_INT(fs.feeds[FEED_AUTHORS].kind, FEEDSTATE_STALE);
    model *first = m;
    CHECK_INT(feeds_start(f, on_notify, NULL, err), FEEDS_OK);
    copy_fixture("startups_v2.json", cfg.feeds[FEED_STARTUPS].url);
    feeds_refresh_now(f);
    m = wait_model(f, &fs);
    CHECK_INT(m ? m->n_products : 0, 4);
    CHECK_INT(log_warnings() - warned, 1); /* authors not parsed again */
    model_free(m);

    char path[CONFIG_PATH_LEN + 32];
    snprintf(path, sizeof path, "%s/authors.cache", cfg.cache_dir);
    fp = fopen(path, "w");
    CHECK(fp != NULL);
    fputs("damaged", fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/incubators.cache", cfg.cache_dir);
    CHECK(unlink(path) == 0);
    copy_fixture("startups.json", cfg.feeds[FEED_STARTUPS].url);
    feeds_refresh_now(f);
    m = wait_model(f, &fs);
    CHECK_INT(m ? m->n_products : 0, 3);
    CHECK_INT(m ? m->n_members : 0, 2); /* from memory, not the damaged file */
    CHECK(m && !m->demo[FEED_AUTHORS] && m->n_incubator_feed == first->n_incubator_feed);
    CHECK(m && m->members == first->members); /* shared, not copied */
    CHECK_INT(fs.feeds[FEED_AUTHORS].kind, FEEDSTATE_FRESH);
    CHECK_INT(log_warnings() - warned, 1); /* nothing parsed again, nothing unusable */
    model_free(first);                     /* the newer snapshot keeps what it shares */
    CHECK(m && m->n_members == 2 && strcmp(m->members[1].id, "bob") == 0);
    model_free(m);
    feeds_free(f);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    RUN(snapshots_reach_the_caller);
    RUN(free_aborts_a_transfer_in_progress);
    RUN(a_stall_holds_nothing_back);
    RUN(offline_takes_an_accepted_copy);
    RUN(a_change_reads_no_other_cache_file);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return test_report();
}
