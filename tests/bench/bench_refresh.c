/* bench_refresh: the CPU time of one refresh in which one feed changed, as
 * the kiosk's fetch thread does it: feeds served over HTTP (toolchain/bench.py
 * serves a copy of the data dir with Last-Modified, so the unchanged feeds
 * answer 304), the cache filled, the start-up snapshot taken; then, --runs
 * times: FILE (the changed feed's served copy) gets new bytes, a refresh is
 * requested (feeds_refresh_now, as SIGUSR1) and its snapshot taken. Each
 * run's figure is the whole process's CPU time (user + system, every
 * thread) from the request to the snapshot in hand. Prints
 * "refresh_cpu_ms=MEDIAN" for toolchain/bench.sh. A benchmark, not a test.
 * Under valgrind --tool=callgrind (built with valgrind's headers), each
 * run's instructions, every thread's, are a dump of their own ("run N"):
 * callgrind_annotate of the third file on, the first runs being start-up.
 *   bench_refresh CONFIG FILE [--runs N] */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

#include "benchutil.h"
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_ZERO_STATS /* no valgrind headers: nothing to mark */
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(what) ((void)(what))
#endif

#include "vitrine/feeds.h"
#include "vitrine/log.h"
#include "vitrine/memtune.h"
#include "vitrine/parse.h"

#define BENCH_DEFAULT_RUNS 7
#define BENCH_MAX_RUNS 100
#define BENCH_WAIT_S 60 /* the longest wait for a snapshot before giving up */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static unsigned notified;

static void on_data(void *userdata)
{
    (void)userdata;
    pthread_mutex_lock(&lock);
    notified++;
    pthread_cond_signal(&ready);
    pthread_mutex_unlock(&lock);
}

static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* Waits for the thread's next snapshot carrying a new model; false when
 * none came in BENCH_WAIT_S. */
static bool take_model(feeds *f)
{
    struct timespec limit;
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += BENCH_WAIT_S;
    for (;;) {
        pthread_mutex_lock(&lock);
        int rc = 0;
        while (!notified && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&ready, &lock, &limit);
        notified = 0;
        pthread_mutex_unlock(&lock);
        if (rc == ETIMEDOUT)
            return false;
        model *m = NULL;
        feedstate_set fs;
        if (feeds_take(f, &m, &fs) && m) {
            model_free(m);
            return true;
        }
    }
}

/* New bytes for the served file (same data, one more newline) and a newer
 * modification time, so the server answers 200 to its If-Modified-Since. */
static bool change(const char *path, int run)
{
    FILE *fp = fopen(path, "a");
    if (!fp || fputc('\n', fp) == EOF || fclose(fp) != 0)
        return false;
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    struct timeval tv[2] = {{st.st_mtime + 10 * (run + 1), 0}, {st.st_mtime + 10 * (run + 1), 0}};
    return utimes(path, tv) == 0;
}

int main(int argc, char **argv)
{
    memtune_apply();
    parse_use_arenas();
    log_set_level(LOG_WARN);
    if (argc < 3) {
        fprintf(stderr, "usage: bench_refresh CONFIG FILE [--runs N]\n");
        return 2;
    }
    int runs = argc >= 5 && strcmp(argv[3], "--runs") == 0 ? (int)strtol(argv[4], NULL, 10)
                                                           : BENCH_DEFAULT_RUNS;
    if (runs < 1 || runs > BENCH_MAX_RUNS)
        runs = BENCH_DEFAULT_RUNS;
    static config cfg;
    char cerr[CONFIG_ERR_LEN], ferr[FEEDS_ERR_LEN];
    if (config_load(argv[1], &cfg, cerr) != CONFIG_OK) {
        fprintf(stderr, "bench_refresh: %s\n", cerr);
        return 1;
    }
    feeds *f = feeds_new(&cfg, false, ferr);
    model *m = NULL;
    feedstate_set fs;
    if (!f || feeds_load(f, &m, &fs, ferr) != FEEDS_OK ||
        feeds_start(f, on_data, NULL, ferr) != FEEDS_OK) {
        fprintf(stderr, "bench_refresh: %s\n", ferr);
        feeds_free(f);
        return 1;
    }
    model_free(m);
    double ms[BENCH_MAX_RUNS + 1];
    int done = 0;
    /* One more run first, not counted: the first refresh also takes in the
     * feeds whose cached copy came from another url (a fill from files). */
    for (; done <= runs; done++) {
        if (!change(argv[2], done)) {
            fprintf(stderr, "bench_refresh: %s: cannot change it\n", argv[2]);
            break;
        }
        double c0 = cpu_ms();
        char what[32];
        snprintf(what, sizeof what, "run %d", done);
        CALLGRIND_ZERO_STATS;
        feeds_refresh_now(f);
        if (!take_model(f)) {
            fprintf(stderr, "bench_refresh: no new snapshot within %d s\n", BENCH_WAIT_S);
            break;
        }
        ms[done] = cpu_ms() - c0;
        CALLGRIND_DUMP_STATS_AT(what);
    }
    feeds_free(f);
    if (done <= runs)
        return 1;
    printf("refresh_cpu_ms=%.2f\n", median(ms + 1, runs));
    return 0;
}
