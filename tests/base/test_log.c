/* log: the lines as they reach stderr (captured in a file): formatted as
 * printf would, one line whatever newlines the message holds, and a NULL
 * string argument never printed (undefined behaviour; glibc's "(null)"):
 * the line is then the format unfilled, saying so. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "vitrine/log.h"

#define CAPTURE_MAX 4096

static char captured[CAPTURE_MAX];

/* What fn logs to stderr, in captured. */
static void capture(void (*fn)(const char *missing))
{
    FILE *f = tmpfile();
    int saved = dup(STDERR_FILENO);
    CHECK(f != NULL && saved >= 0);
    if (!f || saved < 0)
        return;
    fflush(stderr);
    dup2(fileno(f), STDERR_FILENO);
    fn(getenv("VITRINE_TEST_NO_SUCH_VARIABLE")); /* a NULL the compiler cannot see */
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    rewind(f);
    size_t n = fread(captured, 1, sizeof captured - 1, f);
    captured[n] = '\0';
    fclose(f);
}

static void announcements_left_out(const char *missing)
{
    /* What announcejson logged for the feed, whose origin is NULL. */
    log_warn("config", "%s: %s: %zu announcement(s) beyond the first %d left out", missing,
             "announcements", (size_t)4, 16);
}

static void null_after_every_kind(const char *missing)
{
    log_info("t", "%d %.1f %lld %*d %.*s %zu %c %p %% %s", -1, 2.5, 3LL, 4, 5, 3, "abcdef",
             (size_t)6, 'x', (void *)0, missing);
}

static void every_kind(const char *missing)
{
    (void)missing;
    log_error("t", "%d %.1f %lld %*d|%-*d|%.*s %zu %c %% %s %ju %td %hu %Lf %5.2s", -1, 2.5, 3LL, 4,
              5, -3, 7, 3, "abcdef", (size_t)6, 'x', "end", (uintmax_t)8, (ptrdiff_t)-9,
              (unsigned short)10, (long double)1.5, "gh");
    log_info(NULL, "two\nlines\r");
    log_debug("t", "below the level: %s", "not shown");
}

static void null_string_never_printed(void)
{
    capture(announcements_left_out);
    CHECK_STR(captured, "warn config: %s: %s: %zu announcement(s) beyond the first %d left out "
                        "[not filled in: a string argument is NULL]\n");
    capture(null_after_every_kind);
    CHECK(strstr(captured, "(null)") == NULL && strstr(captured, "(nil)") == NULL);
    CHECK(strstr(captured, "info t: %d %.1f") == captured &&
          strstr(captured, "[not filled in: a string argument is NULL]") != NULL);
}

static void formats_as_printf(void)
{
    capture(every_kind);
    char want[512];
    snprintf(want, sizeof want,
             "error t: %d %.1f %lld %*d|%-*d|%.*s %zu %c %% %s %ju %td %hu %Lf %5.2s\n"
             "info ?: two lines \n",
             -1, 2.5, 3LL, 4, 5, -3, 7, 3, "abcdef", (size_t)6, 'x', "end", (uintmax_t)8,
             (ptrdiff_t)-9, (unsigned short)10, (long double)1.5, "gh");
    CHECK_STR(captured, want);
}

int main(void)
{
    RUN(null_string_never_printed);
    RUN(formats_as_printf);
    return test_report();
}
