/* sigbridge: SIGTERM, SIGINT, SIGHUP and SIGUSR1 for the kiosk, from the
 * first instant of the process to its end, with no work in a signal
 * handler. main blocks them before anything else (sigbridge_block; every
 * thread created afterwards inherits the mask), so one that arrives during
 * start-up waits for the kiosk instead of taking its default action (SIGHUP
 * and SIGUSR1 would kill the process). One thread waits for them with
 * sigwait(): until the kiosk's loop attaches it keeps them, then each
 * becomes an SDL user event the loop handles like a key press.
 *
 * SIGTERM and SIGINT also set a deadline: a process still running
 * SIGBRIDGE_EXIT_DEADLINE_MS later (a start-up slower than that, or a
 * thread held by a read or a join that does not return) is ended there by
 * the waiting thread, with exit status 0 and one line saying so: the
 * program stops within a second whatever it is doing. What that skips is
 * freeing memory and joining threads; every file the program writes is
 * replaced by a rename, so none is left half-written. SDL-side. */
#ifndef VITRINE_SIGBRIDGE_H
#define VITRINE_SIGBRIDGE_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#define SIGBRIDGE_ERR_LEN 128
#define SIGBRIDGE_EXIT_DEADLINE_MS 800 /* from SIGTERM to the end of the process, at most */

typedef struct sigbridge sigbridge;

/* Blocks the signals in the calling thread; threads created afterwards
 * (SDL's too) inherit the mask. First thing in main, before any thread. */
bool sigbridge_block(void);
/* The modes other than the kiosk: the signals' default actions again (one
 * that came meanwhile takes it now). */
bool sigbridge_unblock(void);
/* Wakes the loop that handles the events (kiosk_wake); may be NULL. */
typedef void (*sigbridge_wake_fn)(void *ctx);

/* Starts the waiting thread, which keeps each signal (once per kind) until
 * sigbridge_attach. The signals must be blocked already. exit_deadline:
 * SIGTERM's deadline above (the program's; not for a test that runs a
 * kiosk in its own process, which must never end early with status 0). */
sigbridge *sigbridge_start(bool exit_deadline, char err[SIGBRIDGE_ERR_LEN]);
/* From now on each signal becomes an event of event_type whose user.code
 * is the signal number, followed by wake(wake_ctx); the ones kept since the
 * start are posted now, in the order they first came. */
void sigbridge_attach(sigbridge *b, Uint32 event_type, sigbridge_wake_fn wake, void *wake_ctx);
/* Back to keeping them: call before the events' receiver goes (SDL_Quit). */
void sigbridge_detach(sigbridge *b);
/* How many signals the thread has delivered (posted or kept) so far: what
 * a test waits for, since a signal is delivered on the bridge's thread at
 * a moment the sender does not know. */
unsigned long sigbridge_handled(sigbridge *b);
void sigbridge_free(sigbridge *b);     /* stops the thread; accepts NULL */
const char *sigbridge_name(int signo); /* "SIGTERM"... */

#endif
