/* waker: one poll(2) over an eventfd, the input devices and an inotify
 * watch of their directory. */
#include "waker.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "vitrine/fileio.h"
#include "vitrine/log.h"
#include "vitrine/vclock.h"

#define DEVICE_PREFIX "event"
#define DRAIN_BYTES 4096  /* a read of pending input events, discarded */
#define DRAIN_MAX_READS 8 /* bounded: a device that never runs dry cannot hold the loop */
#define INOTIFY_BUF 4096
#define FIXED_FDS 2 /* the eventfd and the inotify watch */

struct waker {
    int wake_fd;
    int watch_fd; /* -1: no directory watched */
    char dir[PATH_MAX];
    int devices[WAKER_MAX_DEVICES];
    size_t n_devices;
    bool told_full; /* the WAKER_MAX_DEVICES line was logged */
};

static void close_devices(waker *w)
{
    for (size_t i = 0; i < w->n_devices; i++)
        close(w->devices[i]);
    w->n_devices = 0;
}

static bool is_device_name(const char *name)
{
    return strncmp(name, DEVICE_PREFIX, sizeof DEVICE_PREFIX - 1) == 0;
}

/* Opens every event* of the directory it can read (a device it may not
 * open is not one SDL reads either). */
static void scan_devices(waker *w)
{
    close_devices(w);
    DIR *d = opendir(w->dir);
    if (!d)
        return;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[PATH_MAX];
        if (!is_device_name(e->d_name) || !fileio_join(path, sizeof path, w->dir, e->d_name))
            continue;
        if (w->n_devices == WAKER_MAX_DEVICES) {
            if (!w->told_full)
                log_warn("waker", "more than %d input devices in %s: %s and later ones not watched",
                         WAKER_MAX_DEVICES, w->dir, e->d_name);
            w->told_full = true;
            break;
        }
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            w->devices[w->n_devices++] = fd;
    }
    closedir(d);
    log_debug("waker", "%zu input device(s) watched in %s", w->n_devices, w->dir);
}

static void watch_directory(waker *w, const char *dir)
{
    w->watch_fd = -1;
    if (!dir || snprintf(w->dir, sizeof w->dir, "%s", dir) >= (int)sizeof w->dir)
        return;
    w->watch_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->watch_fd >= 0 &&
        inotify_add_watch(w->watch_fd, dir, IN_CREATE | IN_ATTRIB | IN_DELETE | IN_MOVED_TO) < 0) {
        log_debug("waker", "%s not watched: %s", dir, strerror(errno));
        close(w->watch_fd);
        w->watch_fd = -1;
    }
    scan_devices(w);
}

waker *waker_new(const char *input_dir, char err[WAKER_ERR_LEN])
{
    waker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, WAKER_ERR_LEN, "waker: out of memory");
        return NULL;
    }
    w->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (w->wake_fd < 0) {
        snprintf(err, WAKER_ERR_LEN, "waker: no eventfd: %s", strerror(errno));
        free(w);
        return NULL;
    }
    watch_directory(w, input_dir);
    return w;
}

void waker_free(waker *w)
{
    if (!w)
        return;
    close_devices(w);
    if (w->watch_fd >= 0)
        close(w->watch_fd);
    close(w->wake_fd);
    free(w);
}

void waker_wake(waker *w)
{
    uint64_t one = 1;
    /* Only fails when the counter is saturated: a wake-up is pending anyway. */
    ssize_t n = write(w->wake_fd, &one, sizeof one);
    (void)n;
}

size_t waker_devices(const waker *w)
{
    return w->n_devices;
}

/* Reads what fd holds, up to a bound; false when the device is gone. */
static bool drain(int fd)
{
    char buf[DRAIN_BYTES];
    for (int i = 0; i < DRAIN_MAX_READS; i++) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0)
            continue;
        return n < 0 && (errno == EAGAIN || errno == EINTR);
    }
    return true;
}

/* Drops device i (unplugged, or a writer that went away). */
static void drop_device(waker *w, size_t i)
{
    close(w->devices[i]);
    w->devices[i] = w->devices[--w->n_devices];
}

static int fill_fds(const waker *w, struct pollfd *fds)
{
    int n = 0;
    fds[n++] = (struct pollfd){.fd = w->wake_fd, .events = POLLIN};
    fds[n++] = (struct pollfd){.fd = w->watch_fd, .events = POLLIN}; /* -1: ignored */
    for (size_t i = 0; i < w->n_devices; i++)
        fds[n++] = (struct pollfd){.fd = w->devices[i], .events = POLLIN};
    return n;
}

/* What poll reported, consumed; WAKER_TIMEOUT when nothing counts as a
 * reason to wake (a directory change, a device gone). */
static waker_reason consume(waker *w, const struct pollfd *fds, int n)
{
    waker_reason why = WAKER_TIMEOUT;
    if (fds[0].revents) {
        drain(w->wake_fd);
        why = WAKER_WOKEN;
    }
    bool gone = false;
    for (int i = n - 1; i >= FIXED_FDS; i--) { /* backwards: drop_device moves the last one */
        if (!fds[i].revents)
            continue;
        bool alive = drain(fds[i].fd) && !(fds[i].revents & (POLLHUP | POLLERR | POLLNVAL));
        if ((fds[i].revents & POLLIN) && why == WAKER_TIMEOUT)
            why = WAKER_INPUT;
        if (!alive) {
            drop_device(w, (size_t)(i - FIXED_FDS));
            gone = true;
        }
    }
    if (fds[1].revents) {
        char buf[INOTIFY_BUF];
        while (read(w->watch_fd, buf, sizeof buf) > 0) {
        }
        gone = true;
    }
    if (gone)
        scan_devices(w);
    return why;
}

waker_reason waker_wait(waker *w, int64_t timeout_ms)
{
    int64_t end = vclock_system_ms() + timeout_ms;
    for (;;) {
        struct pollfd fds[FIXED_FDS + WAKER_MAX_DEVICES];
        int n = fill_fds(w, fds);
        int64_t left = end - vclock_system_ms();
        if (left < 0)
            left = 0;
        int rc = poll(fds, (nfds_t)n, left > INT_MAX ? INT_MAX : (int)left);
        if (rc < 0 && errno != EINTR) { /* out of kernel memory: sleep, never spin */
            poll(NULL, 0, left > INT_MAX ? INT_MAX : (int)left);
            return WAKER_TIMEOUT;
        }
        waker_reason why = rc > 0 ? consume(w, fds, n) : WAKER_TIMEOUT;
        if (why != WAKER_TIMEOUT || vclock_system_ms() >= end)
            return why;
    }
}
