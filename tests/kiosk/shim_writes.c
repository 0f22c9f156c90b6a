/* A library preloaded into vitrine (LD_PRELOAD) by kiosk_writes.py: every
 * rename(2) the program makes appends its target's path, one a line, to the
 * file named by VITRINE_TEST_WRITES_LOG. The status and metrics files are
 * replaced by a rename (fileio_write_atomic), so the log counts the writes
 * of each file, whatever their pace. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOG_ENV "VITRINE_TEST_WRITES_LOG"

typedef int (*rename_fn)(const char *, const char *);

static void note(const char *target)
{
    const char *path = getenv(LOG_ENV);
    int fd = path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600) : -1;
    if (fd < 0)
        return;
    char line[4096];
    int n = snprintf(line, sizeof line, "%s\n", target);
    if (n > 0 && (size_t)n < sizeof line)
        (void)!write(fd, line, (size_t)n); /* one write: lines never interleave */
    close(fd);
}

int rename(const char *from, const char *to)
{
    static rename_fn real;
    if (!real)
        real = (rename_fn)dlsym(RTLD_NEXT, "rename");
    int rc = real ? real(from, to) : -1;
    if (rc == 0)
        note(to);
    return rc;
}
