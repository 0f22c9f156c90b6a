/* log: one line per event on stderr, "LEVEL module: message", which the
 * systemd journal keeps as one entry. The level is the one global. */
#include "vitrine/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

/* Past the flags, width, precision and length of the conversion at p (just
 * after its '%'), taking the '*' arguments; its length modifier in len. */
static const char *skip_spec(const char *p, va_list *ap, char len[3])
{
    p += strspn(p, "-+ #0");
    for (int part = 0; part < 2; part++) { /* width, then precision */
        if (part == 1 && *p != '.')
            break;
        p += part;
        if (*p == '*') {
            (void)va_arg(*ap, int);
            p++;
        }
        p += strspn(p, "0123456789");
    }
    size_t k = 0;
    while (*p && strchr("hlLjzt", *p) && k < 2)
        len[k++] = *p++;
    len[k] = '\0';
    return p;
}

/* Takes the argument of conversion conv (length len) from ap; true when it
 * is a string and NULL. False for a conversion this walk does not know
 * (*known false: the arguments after it cannot be found). */
static bool take_arg(char conv, const char *len, va_list *ap, bool *known)
{
    *known = true;
    if (conv == 's')
        return va_arg(*ap, const char *) == NULL;
    if (strchr("fFeEgGaA", conv) && strcmp(len, "L") == 0)
        (void)va_arg(*ap, long double);
    else if (strchr("fFeEgGaA", conv))
        (void)va_arg(*ap, double);
    else if (conv == 'p')
        (void)va_arg(*ap, void *);
    else if (strchr("diuxXoc", conv) && strcmp(len, "ll") == 0)
        (void)va_arg(*ap, long long);
    else if (strchr("diuxXoc", conv) && strcmp(len, "l") == 0)
        (void)va_arg(*ap, long);
    else if (strchr("diuxXoc", conv) && strcmp(len, "z") == 0)
        (void)va_arg(*ap, size_t);
    else if (strchr("diuxXoc", conv) && strcmp(len, "j") == 0)
        (void)va_arg(*ap, intmax_t);
    else if (strchr("diuxXoc", conv) && strcmp(len, "t") == 0)
        (void)va_arg(*ap, ptrdiff_t);
    else if (strchr("diuxXoc", conv))
        (void)va_arg(*ap, int); /* and "h", "hh": promoted */
    else
        *known = false;
    return false;
}

/* A %s argument of fmt is NULL: undefined behaviour for printf (glibc
 * prints "(null)"). The arguments are walked on a copy of ap, each taken
 * as its conversion says (the format attribute checked them at the call). */
static bool null_string(const char *fmt, va_list ap)
{
    va_list args;
    va_copy(args, ap);
    bool found = false, known = true;
    for (const char *p = strchr(fmt, '%'); p && known && !found; p = strchr(p, '%')) {
        char len[3];
        p = skip_spec(p + 1, &args, len);
        if (!*p)
            break;
        char conv = *p++;
        if (conv != '%')
            found = take_arg(conv, len, &args, &known);
    }
    va_end(args);
    return found;
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
    /* A caller that passed a NULL string gets its format, unfilled: the
     * event is still told, and the fault is visible. */
    if (null_string(fmt, ap))
        snprintf(line, sizeof line, "%s [not filled in: a string argument is NULL]", fmt);
    else
        vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    fprintf(stderr, "%s %s: %s\n", level_name(level), module ? module : "?", line);
}
