/* A library preloaded into vitrine (LD_PRELOAD) by kiosk_status.py: the
 * wall clock (time, gettimeofday, clock_gettime of CLOCK_REALTIME) shifted
 * by the whole seconds written in the file named by VITRINE_TEST_CLOCK_SHIFT
 * (read at each call; absent, unreadable or not a number: no shift), so a
 * test sets the clock back, or forward, under a running kiosk without
 * touching the system's. The monotonic clocks are left alone, as a real
 * clock step leaves them. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SHIFT_ENV "VITRINE_TEST_CLOCK_SHIFT"
#define SHIFT_MAX_BYTES 32

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static long long shift_s(void)
{
    const char *path = getenv(SHIFT_ENV);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0)
        return 0;
    char buf[SHIFT_MAX_BYTES];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return strtoll(buf, NULL, 10);
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    clock_gettime_fn real = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
    int rc = real ? real(id, ts) : -1;
    if (rc == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
        ts->tv_sec += (time_t)shift_s();
    return rc;
}

time_t time(time_t *out)
{
    struct timespec ts = {0};
    time_t t = clock_gettime(CLOCK_REALTIME, &ts) == 0 ? ts.tv_sec : (time_t)-1;
    if (out)
        *out = t;
    return t;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
    (void)tz;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return -1;
    *tv = (struct timeval){ts.tv_sec, ts.tv_nsec / 1000}; /* declared nonnull by glibc */
    return 0;
}
