/* Crash consistency: a child process stores two versions of a feed in a
 * loop; the parent kills it with SIGKILL at random instants and then checks
 * that the cache holds exactly the old or the new copy (never a mix, never
 * nothing), and that a copy interrupted mid-write is never read. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "test.h"
#include "vitrine/hash.h"
#include "vitrine/vclock.h"

#define KILLS 120
#define BODY_BYTES ((size_t)512 << 10)
#define MAX_DELAY_US 20000 /* at least; more when two stores take longer */

static char *make_body(char fill)
{
    char *b = malloc(BODY_BYTES);
    memset(b, fill, BODY_BYTES);
    b[0] = '[';
    b[BODY_BYTES - 1] = ']';
    return b;
}

static void writer(const char *dir, const char *a, const char *b)
{
    char err[CACHE_ERR_LEN];
    cache *c = cache_open(dir, err);
    if (!c)
        _exit(2);
    cachemeta m = {.fetched_at = 1};
    for (unsigned long i = 0;; i++) { /* runs until killed */
        m.fetched_at = (int64_t)i;
        if (cache_store(c, "startups", i % 2 ? b : a, BODY_BYTES, &m, err) != CACHE_OK)
            _exit(3);
    }
}

static int temp_files(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "exit $(ls -A %s | grep -c tmp-)", dir);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void kills_leave_old_or_new(void)
{
    char dir[] = "/tmp/vitrine-crash-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *a = make_body(' '), *b = make_body('\n');
    char err[CACHE_ERR_LEN];
    cache *c = cache_open(dir, err);
    cachemeta m = {0};
    /* Kills land within a few stores' time, however slow the disk is today
     * (an fsync on a loaded machine takes tens of milliseconds): else no
     * store would ever finish and both copies could not be seen. */
    int64_t t0 = vclock_system_ms();
    CHECK_INT(cache_store(c, "startups", a, BODY_BYTES, &m, err), CACHE_OK);
    CHECK_INT(cache_store(c, "startups", a, BODY_BYTES, &m, err), CACHE_OK);
    long max_delay_us = (long)(vclock_system_ms() - t0) * 1000 * 3 / 2;
    if (max_delay_us < MAX_DELAY_US)
        max_delay_us = MAX_DELAY_US;
    srand((unsigned)time(NULL));
    int seen_a = 0, seen_b = 0, mid_write = 0;
    for (int k = 0; k < KILLS; k++) {
        pid_t pid = fork();
        if (pid == 0)
            writer(dir, a, b);
        usleep((useconds_t)(rand() % max_delay_us));
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status)); /* killed, not failed */
        mid_write += temp_files(dir) > 0;
        char *got;
        size_t len;
        cachemeta back;
        cache_status st = cache_load(c, "startups", BODY_BYTES, &got, &len, &back, err);
        CHECK_INT(st, CACHE_OK);
        bool is_a = st == CACHE_OK && len == BODY_BYTES && memcmp(got, a, len) == 0;
        bool is_b = st == CACHE_OK && len == BODY_BYTES && memcmp(got, b, len) == 0;
        CHECK(is_a || is_b);
        CHECK(back.hash == hash_xxh64(is_a ? a : b, BODY_BYTES));
        seen_a += is_a;
        seen_b += is_b;
        free(got);
    }
    printf("%d kills: old/new copy found %d/%d times, %d kill(s) left a half-written temp\n", KILLS,
           seen_a, seen_b, mid_write);
    CHECK(seen_a > 0 && seen_b > 0); /* the writer really did switch copies */
    CHECK(mid_write > 0);            /* and was killed in the middle of writes */
    cache_free(c);
    free(a);
    free(b);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    RUN(kills_leave_old_or_new);
    return test_report();
}
