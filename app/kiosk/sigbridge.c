/* sigbridge: a sigwait() thread that keeps the signals until the kiosk
 * attaches, then forwards them as SDL events, and ends the process when a
 * SIGTERM or SIGINT has not done so by its deadline. It is stopped with
 * SIGUSR2 sent to the thread itself after setting a flag. */
#include "vitrine/sigbridge.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vitrine/log.h"
#include "vitrine/vclock.h"

#define SIGBRIDGE_STOP SIGUSR2
#define SIGBRIDGE_KINDS 4 /* SIGTERM, SIGINT, SIGHUP, SIGUSR1: kept once each */
#define NO_DEADLINE INT64_MAX
#define NS_PER_MS 1000000L

struct sigbridge {
    pthread_t thread;
    bool exit_deadline;   /* set before the thread starts */
    pthread_mutex_t lock; /* the fields below */
    bool attached;
    Uint32 event_type;
    sigbridge_wake_fn wake;
    void *wake_ctx;
    int kept[SIGBRIDGE_KINDS]; /* before attach: signal numbers in order of arrival */
    size_t n_kept;
    unsigned long handled; /* signals delivered (posted or kept) so far */
    atomic_bool stopping;
};

static void handled_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGUSR1);
    sigaddset(set, SIGBRIDGE_STOP);
}

bool sigbridge_block(void)
{
    sigset_t set;
    handled_set(&set);
    return pthread_sigmask(SIG_BLOCK, &set, NULL) == 0;
}

bool sigbridge_unblock(void)
{
    sigset_t set;
    handled_set(&set);
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL) == 0;
}

const char *sigbridge_name(int signo)
{
    switch (signo) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    case SIGUSR1: return "SIGUSR1";
    default: return "signal";
    }
}

/* One signal as an event for the loop (under b->lock, attached). */
static void post(sigbridge *b, int signo)
{
    SDL_Event ev = {0};
    ev.type = b->event_type;
    ev.user.code = signo;
    if (SDL_PushEvent(&ev) < 0)
        log_error("signal", "%s lost: %s", sigbridge_name(signo), SDL_GetError());
    else if (b->wake)
        b->wake(b->wake_ctx); /* after the push: the loop finds the event */
}

/* Posted when attached, else kept for the attach (once per kind: a second
 * SIGHUP before the loop runs reads the same file). */
static void deliver(sigbridge *b, int signo)
{
    pthread_mutex_lock(&b->lock);
    if (b->attached) {
        post(b, signo);
    } else {
        bool kept = false;
        for (size_t i = 0; i < b->n_kept; i++)
            kept |= b->kept[i] == signo;
        if (!kept && b->n_kept < SIGBRIDGE_KINDS)
            b->kept[b->n_kept++] = signo;
    }
    b->handled++;
    pthread_mutex_unlock(&b->lock);
}

/* The deadline of a SIGTERM or SIGINT has passed and the process is still
 * there: whatever holds it (a read, a thread being joined) is not waited
 * for. */
static _Noreturn void end_now(int signo)
{
    log_error("signal",
              "%s: still running %d ms later (a start-up, a read or a thread that does "
              "not finish): exiting now",
              sigbridge_name(signo), SIGBRIDGE_EXIT_DEADLINE_MS);
    _exit(EXIT_SUCCESS);
}

/* The next signal of set, waiting until deadline_ms at most: 0 when it
 * passed. */
static int next_signal(const sigset_t *set, int64_t deadline_ms)
{
    for (;;) {
        if (deadline_ms == NO_DEADLINE) {
            int signo = 0;
            if (sigwait(set, &signo) == 0)
                return signo;
            continue;
        }
        int64_t left = deadline_ms - vclock_system_ms();
        if (left <= 0)
            return 0;
        struct timespec ts = {(time_t)(left / VCLOCK_MS_PER_S),
                              (long)(left % VCLOCK_MS_PER_S) * NS_PER_MS};
        int signo = sigtimedwait(set, NULL, &ts);
        if (signo > 0)
            return signo;
        if (errno != EINTR && errno != EAGAIN)
            return 0; /* cannot wait: the deadline stands */
    }
}

static void *wait_loop(void *arg)
{
    sigbridge *b = arg;
    sigset_t set;
    handled_set(&set);
    int64_t deadline = NO_DEADLINE;
    int stopped_by = 0;
    for (;;) {
        int signo = next_signal(&set, deadline);
        if (atomic_load(&b->stopping))
            return NULL;
        if (signo == 0)
            end_now(stopped_by);
        if (signo == SIGBRIDGE_STOP)
            continue; /* not ours to act on */
        if ((signo == SIGTERM || signo == SIGINT) && b->exit_deadline && deadline == NO_DEADLINE) {
            deadline = vclock_system_ms() + SIGBRIDGE_EXIT_DEADLINE_MS;
            stopped_by = signo;
        }
        deliver(b, signo);
    }
}

sigbridge *sigbridge_start(bool exit_deadline, char err[SIGBRIDGE_ERR_LEN])
{
    sigbridge *b = calloc(1, sizeof *b);
    if (!b || pthread_mutex_init(&b->lock, NULL) != 0) {
        snprintf(err, SIGBRIDGE_ERR_LEN, "out of memory");
        free(b);
        return NULL;
    }
    b->exit_deadline = exit_deadline;
    atomic_init(&b->stopping, false);
    int rc = pthread_create(&b->thread, NULL, wait_loop, b);
    if (rc != 0) {
        snprintf(err, SIGBRIDGE_ERR_LEN, "cannot start the signal thread: %s", strerror(rc));
        pthread_mutex_destroy(&b->lock);
        free(b);
        return NULL;
    }
    return b;
}

void sigbridge_attach(sigbridge *b, Uint32 event_type, sigbridge_wake_fn wake, void *wake_ctx)
{
    pthread_mutex_lock(&b->lock);
    b->attached = true;
    b->event_type = event_type;
    b->wake = wake;
    b->wake_ctx = wake_ctx;
    for (size_t i = 0; i < b->n_kept; i++) {
        log_info("signal", "%s came during start-up: handled now", sigbridge_name(b->kept[i]));
        post(b, b->kept[i]);
    }
    b->n_kept = 0;
    pthread_mutex_unlock(&b->lock);
}

unsigned long sigbridge_handled(sigbridge *b)
{
    pthread_mutex_lock(&b->lock);
    unsigned long n = b->handled;
    pthread_mutex_unlock(&b->lock);
    return n;
}

void sigbridge_detach(sigbridge *b)
{
    pthread_mutex_lock(&b->lock); /* waits for a post in progress */
    b->attached = false;
    b->wake = NULL;
    b->wake_ctx = NULL;
    pthread_mutex_unlock(&b->lock);
}

void sigbridge_free(sigbridge *b)
{
    if (!b)
        return;
    atomic_store(&b->stopping, true);
    pthread_kill(b->thread, SIGBRIDGE_STOP);
    pthread_join(b->thread, NULL);
    pthread_mutex_destroy(&b->lock);
    free(b);
}
