/* sigbridge: turns SIGTERM, SIGINT, SIGHUP and SIGUSR1 into SDL user events,
 * so the kiosk handles them in its loop like key presses, with no work in a
 * signal handler. The signals are blocked in every thread and one thread
 * waits for them with sigwait(). SDL-side. */
#ifndef VITRINE_SIGBRIDGE_H
#define VITRINE_SIGBRIDGE_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#define SIGBRIDGE_ERR_LEN 128

typedef struct sigbridge sigbridge;

/* Blocks the signals in the calling thread; threads created afterwards
 * (SDL's too) inherit the mask. Call first, before SDL_Init. */
bool sigbridge_block(void);
/* Wakes the loop that handles the events (kiosk_wake); may be NULL. */
typedef void (*sigbridge_wake_fn)(void *ctx);

/* Starts the waiting thread; each signal becomes an event of event_type
 * whose user.code is the signal number, followed by wake(wake_ctx). */
sigbridge *sigbridge_start(Uint32 event_type, sigbridge_wake_fn wake, void *wake_ctx,
                           char err[SIGBRIDGE_ERR_LEN]);
void sigbridge_free(sigbridge *b);     /* stops the thread; accepts NULL */
const char *sigbridge_name(int signo); /* "SIGTERM"... */

#endif
