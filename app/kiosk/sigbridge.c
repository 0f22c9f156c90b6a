/* sigbridge: a sigwait() thread that forwards signals as SDL events. It is
 * stopped with SIGUSR2 sent to the thread itself after setting a flag. */
#include "sigbridge.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/log.h"

#define SIGBRIDGE_STOP SIGUSR2

struct sigbridge {
    pthread_t thread;
    Uint32 event_type;
    sigbridge_wake_fn wake;
    void *wake_ctx;
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

static void *wait_loop(void *arg)
{
    sigbridge *b = arg;
    sigset_t set;
    handled_set(&set);
    for (;;) {
        int signo = 0;
        if (sigwait(&set, &signo) != 0)
            continue;
        if (atomic_load(&b->stopping))
            return NULL;
        if (signo == SIGBRIDGE_STOP)
            continue; /* not ours to act on */
        SDL_Event ev = {0};
        ev.type = b->event_type;
        ev.user.code = signo;
        if (SDL_PushEvent(&ev) < 0)
            log_error("signal", "%s lost: %s", sigbridge_name(signo), SDL_GetError());
        else if (b->wake)
            b->wake(b->wake_ctx); /* after the push: the loop finds the event */
    }
}

sigbridge *sigbridge_start(Uint32 event_type, sigbridge_wake_fn wake, void *wake_ctx,
                           char err[SIGBRIDGE_ERR_LEN])
{
    sigbridge *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, SIGBRIDGE_ERR_LEN, "out of memory");
        return NULL;
    }
    b->event_type = event_type;
    b->wake = wake;
    b->wake_ctx = wake_ctx;
    atomic_init(&b->stopping, false);
    int rc = pthread_create(&b->thread, NULL, wait_loop, b);
    if (rc != 0) {
        snprintf(err, SIGBRIDGE_ERR_LEN, "cannot start the signal thread: %s", strerror(rc));
        free(b);
        return NULL;
    }
    return b;
}

void sigbridge_free(sigbridge *b)
{
    if (!b)
        return;
    atomic_store(&b->stopping, true);
    pthread_kill(b->thread, SIGBRIDGE_STOP);
    pthread_join(b->thread, NULL);
    free(b);
}
