/* test_waker: the idle loop's sleep on drivers without a blocking wait
 * (KMS/DRM). Without a display or /dev/uinput here, the input directory is
 * a temp dir of FIFOs named event*: the same code path (open O_NONBLOCK,
 * poll, read and discard, inotify for devices that appear), fed by writes.
 * Checks: the timeout is kept (not woken early, no busy loop), an input
 * wakes at once and is consumed, waker_wake from another thread wakes,
 * a device plugged in later is watched, and one that goes away is dropped
 * without spinning. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "vitrine/vclock.h"
#include "waker.h"

#define SHORT_MS 150
#define LONG_MS 5000 /* an upper bound only: the waits below end long before */

typedef struct {
    char dir[64];
    char path[2][96];
} inputs;

static bool make_inputs(inputs *in)
{
    snprintf(in->dir, sizeof in->dir, "/tmp/vitrine-waker-XXXXXX");
    if (!mkdtemp(in->dir))
        return false;
    for (int i = 0; i < 2; i++)
        snprintf(in->path[i], sizeof in->path[i], "%s/event%d", in->dir, i);
    return mkfifo(in->path[0], 0600) == 0;
}

static void remove_inputs(const inputs *in)
{
    unlink(in->path[0]);
    unlink(in->path[1]);
    rmdir(in->dir);
}

/* A writer for a FIFO the waker has open (O_RDWR would also read). */
static int open_writer(const char *path)
{
    return open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
}

/* A waker on a fresh input directory holding event0; NULL on failure. */
static waker *watch_inputs(inputs *in)
{
    char err[WAKER_ERR_LEN];
    CHECK(make_inputs(in));
    waker *w = waker_new(in->dir, err);
    CHECK(w != NULL);
    return w;
}

static int64_t cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A wait: how long it took; a wait that spins instead of sleeping (it
 * would still last its whole time) fails the CPU check. */
static int64_t timed_wait(waker *w, int64_t timeout_ms, waker_reason *why)
{
    int64_t t0 = vclock_system_ms(), c0 = cpu_ms();
    *why = waker_wait(w, timeout_ms);
    int64_t took = vclock_system_ms() - t0, cpu = cpu_ms() - c0;
    CHECK(cpu <= took / 2 + 5);
    return took;
}

static void timeout_and_input(void)
{
    inputs in;
    waker *w = watch_inputs(&in);
    if (!w)
        return;
    CHECK_INT(waker_devices(w), 1);
    waker_reason why;
    int64_t took = timed_wait(w, SHORT_MS, &why);
    CHECK_INT(why, WAKER_TIMEOUT);
    CHECK(took >= SHORT_MS - 1);

    int fd = open_writer(in.path[0]);
    CHECK(fd >= 0);
    static const char event[24] = {1}; /* the size of a struct input_event on 64 bits */
    CHECK(write(fd, event, sizeof event) == (ssize_t)sizeof event);
    took = timed_wait(w, LONG_MS, &why);
    CHECK_INT(why, WAKER_INPUT);
    CHECK(took < LONG_MS / 2);
    /* Consumed: the next wait sleeps its whole time again. */
    took = timed_wait(w, SHORT_MS, &why);
    CHECK_INT(why, WAKER_TIMEOUT);
    CHECK(took >= SHORT_MS - 1);
    /* The writer goes away (a device unplugged): dropped, no busy loop. */
    close(fd);
    took = timed_wait(w, SHORT_MS, &why);
    CHECK(took >= SHORT_MS - 1);
    CHECK_INT(waker_devices(w), 1); /* dropped, then found again in the directory */
    waker_free(w);
    remove_inputs(&in);
}

static void *wake_later(void *arg)
{
    struct timespec ts = {0, 50 * 1000000L};
    nanosleep(&ts, NULL);
    waker_wake(arg);
    return NULL;
}

static void wake_from_another_thread(void)
{
    char err[WAKER_ERR_LEN];
    waker *w = waker_new(NULL, err); /* no input directory at all */
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK_INT(waker_devices(w), 0);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, wake_later, w) == 0);
    waker_reason why;
    int64_t took = timed_wait(w, LONG_MS, &why);
    pthread_join(t, NULL);
    CHECK_INT(why, WAKER_WOKEN);
    CHECK(took < LONG_MS / 2);
    /* Several wakes before a wait are one wake-up. */
    waker_wake(w);
    waker_wake(w);
    CHECK_INT(waker_wait(w, LONG_MS), WAKER_WOKEN);
    CHECK_INT(waker_wait(w, 10), WAKER_TIMEOUT);
    waker_free(w);
    waker_free(NULL);
}

static void device_plugged_in_later(void)
{
    inputs in;
    waker *w = watch_inputs(&in);
    if (!w)
        return;
    CHECK(mkfifo(in.path[1], 0600) == 0);
    /* The directory change is noticed within a wait (not a reason to wake
     * the kiosk), and the new device is opened. */
    CHECK_INT(waker_wait(w, SHORT_MS), WAKER_TIMEOUT);
    CHECK_INT(waker_devices(w), 2);
    int fd = open_writer(in.path[1]);
    CHECK(fd >= 0);
    CHECK(write(fd, "k", 1) == 1);
    waker_reason why;
    int64_t took = timed_wait(w, LONG_MS, &why);
    CHECK_INT(why, WAKER_INPUT);
    CHECK(took < LONG_MS / 2);
    close(fd);
    waker_free(w);
    remove_inputs(&in);
}

static void missing_directory(void)
{
    char err[WAKER_ERR_LEN];
    waker *w = waker_new("/nonexistent/vitrine/input", err);
    CHECK(w != NULL);
    if (w) {
        CHECK_INT(waker_devices(w), 0);
        CHECK_INT(waker_wait(w, 20), WAKER_TIMEOUT);
    }
    waker_free(w);
}

int main(void)
{
    RUN(timeout_and_input);
    RUN(wake_from_another_thread);
    RUN(device_plugged_in_later);
    RUN(missing_directory);
    return test_report();
}
