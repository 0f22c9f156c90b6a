/* log: one line per event on stderr, "LEVEL module: message", which the
 * systemd journal keeps as one entry. The level is the one global. */
#include "vitrine/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>

#define LOG_LINE_MAX 1024

static log_level current_level = LOG_INFO;
static atomic_uint warnings; /* warnings and errors logged, any thread */

void log_set_level(log_level level)
{
    current_level = level;
}

unsigned log_warnings(void)
{
    return atomic_load(&warnings);
}

static const char *level_name(log_level level)
{
    switch (level) {
    case LOG_DEBUG: return "debug";
    case LOG_INFO: return "info";
    case LOG_WARN: return "warn";
    case LOG_ERROR: return "error";
    default: return "?";
    }
}

void log_msg(log_level level, const char *module, const char *fmt, ...)
{
    if (level >= LOG_WARN)
        atomic_fetch_add(&warnings, 1);
    if (level < current_level)
        return;
    char line[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    fprintf(stderr, "%s %s: %s\n", level_name(level), module, line);
}
