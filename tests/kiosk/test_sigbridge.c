/* test_sigbridge: the kiosk's signals from the first instant to the end.
 * Signals that come before the loop attaches are kept (once per kind, in
 * the order they came) and posted at the attach, with a wake-up; after a
 * detach they are kept again, never posted to a loop that has gone. And
 * SIGTERM's deadline: a process held by a read that never returns (a
 * blocking open of a FIFO with no writer) still ends, with status 0,
 * within SIGBRIDGE_EXIT_DEADLINE_MS and a second. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "vitrine/sigbridge.h"
#include "vitrine/vclock.h"

#define HANDLED_WITHIN_MS 10000 /* an upper bound: the bridge takes a signal long before */
#define CHILD_READY_MS 10000    /* an upper bound: the child is ready long before */
#define EXIT_WITHIN_MS 1000     /* the kiosk's promise: SIGTERM ends it within a second */

static atomic_int wakes;

static void count_wake(void *ctx)
{
    (void)ctx;
    atomic_fetch_add(&wakes, 1);
}

/* Sends signo to this process and waits until the bridge's thread has
 * delivered it (posted or kept): the condition itself, not a delay, so a
 * loaded machine only makes the wait longer. */
static bool send_and_wait(sigbridge *b, int signo)
{
    unsigned long before = sigbridge_handled(b);
    kill(getpid(), signo);
    int64_t t0 = vclock_system_ms();
    while (sigbridge_handled(b) == before) {
        if (vclock_system_ms() - t0 > HANDLED_WITHIN_MS)
            return false;
        SDL_Delay(1);
    }
    return true;
}

/* The signal numbers of the events of type t waiting in SDL's queue. */
static int queued(Uint32 t, int *out, int cap)
{
    SDL_Event ev;
    int n = 0;
    while (SDL_PollEvent(&ev))
        if (ev.type == t && n < cap)
            out[n++] = ev.user.code;
    return n;
}

static void kept_until_attach(void)
{
    char err[SIGBRIDGE_ERR_LEN];
    CHECK(SDL_Init(SDL_INIT_EVENTS) == 0);
    Uint32 t = SDL_RegisterEvents(1);
    sigbridge *b = sigbridge_start(false, err);
    CHECK(b != NULL);
    if (!b)
        return;
    CHECK(send_and_wait(b, SIGUSR1)); /* during start-up: kept, in this order */
    CHECK(send_and_wait(b, SIGHUP));
    CHECK(send_and_wait(b, SIGUSR1)); /* a second one of a kind is the same request */
    int got[8];
    CHECK_INT(queued(t, got, 8), 0); /* nothing posted before the attach */
    sigbridge_attach(b, t, count_wake, NULL);
    int n = queued(t, got, 8);
    CHECK_INT(n, 2);
    CHECK(n == 2 && got[0] == SIGUSR1 && got[1] == SIGHUP);
    CHECK_INT(atomic_load(&wakes), 2);
    CHECK(send_and_wait(b, SIGHUP)); /* attached: posted at once */
    n = queued(t, got, 8);
    CHECK(n == 1 && got[0] == SIGHUP);
    CHECK_INT(atomic_load(&wakes), 3);
    sigbridge_detach(b);
    CHECK(send_and_wait(b, SIGUSR1)); /* the loop has gone: kept, not posted */
    CHECK_INT(queued(t, got, 8), 0);
    CHECK_INT(atomic_load(&wakes), 3);
    sigbridge_free(b);
    SDL_Quit();
}

/* Whether the child's main thread sleeps in the kernel: after telling the
 * parent it is ready it does nothing but open the FIFO, so asleep means
 * held there ("wait_for_partner" where the kernel names the wait). */
static bool child_held(pid_t pid)
{
    char path[64], wchan[64] = "", stat[256] = "";
    snprintf(path, sizeof path, "/proc/%d/wchan", (int)pid);
    FILE *f = fopen(path, "r");
    if (f) {
        (void)!fgets(wchan, sizeof wchan, f);
        fclose(f);
    }
    if (strcmp(wchan, "wait_for_partner") == 0)
        return true;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    f = fopen(path, "r");
    if (f) {
        (void)!fgets(stat, sizeof stat, f);
        fclose(f);
    }
    const char *end = strrchr(stat, ')'); /* "pid (name) S ..." */
    return end && end[1] == ' ' && end[2] == 'S' && (wchan[0] == '\0' || wchan[0] == '0');
}

/* The child: the bridge, then a read that never returns (a FIFO opened for
 * reading with no writer), as a start-up thread or the fetch thread could
 * be held. It tells the parent it is ready on fd. */
static _Noreturn void held_child(int fd, const char *fifo)
{
    char err[SIGBRIDGE_ERR_LEN];
    sigbridge *b = sigbridge_start(true, err);
    (void)!write(fd, b ? "r" : "x", 1);
    close(fd);
    int held = open(fifo, O_RDONLY); /* blocks for good: nobody writes */
    _exit(held >= 0 ? 3 : 4);
}

static void deadline_ends_a_held_process(void)
{
    char dir[] = "/tmp/vitrine-sigbridge-XXXXXX", fifo[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(fifo, sizeof fifo, "%s/held", dir);
    CHECK(mkfifo(fifo, 0600) == 0);
    int ready[2];
    CHECK(pipe(ready) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(ready[0]);
        held_child(ready[1], fifo);
    }
    close(ready[1]);
    char c = 0;
    CHECK(pid > 0 && read(ready[0], &c, 1) == 1 && c == 'r');
    close(ready[0]);
    int64_t t0 = vclock_system_ms();
    while (!child_held(pid) && vclock_system_ms() - t0 < CHILD_READY_MS)
        SDL_Delay(1); /* until the child is in its open() */
    CHECK(child_held(pid));
    t0 = vclock_system_ms();
    kill(pid, SIGTERM);
    int status = 0;
    pid_t done = 0;
    while (done == 0 && vclock_system_ms() - t0 < CHILD_READY_MS) {
        done = waitpid(pid, &status, WNOHANG);
        SDL_Delay(5);
    }
    int64_t took = vclock_system_ms() - t0;
    if (done == 0) { /* still held: the deadline did not work */
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    CHECK(done == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0); /* not SIGTERM's default death */
    CHECK(took >= SIGBRIDGE_EXIT_DEADLINE_MS - 50 && took < EXIT_WITHIN_MS);
    fprintf(stderr, "held by a read: SIGTERM ended the process in %lld ms\n", (long long)took);
    unlink(fifo);
    rmdir(dir);
}

int main(void)
{
    if (!sigbridge_block()) {
        fprintf(stderr, "cannot block the signals\n");
        return 1;
    }
    RUN(deadline_ends_a_held_process); /* forks: before SDL starts threads */
    RUN(kept_until_attach);
    return test_report();
}
