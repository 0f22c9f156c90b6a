/* log: one line per event on stderr, "LEVEL module: message".
 * The logger is the only global state in Vitrine (level and sink). */
#ifndef VITRINE_LOG_H
#define VITRINE_LOG_H

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_QUIET } log_level;

void log_set_level(log_level level);
/* Warnings and errors logged so far (shown or not): what a command sums up
 * at its end ("configuration OK, 2 warnings above"). */
unsigned log_warnings(void);
/* Formats one line; newlines inside the message are replaced by spaces so a
 * journal line is always one event. */
void log_msg(log_level level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_debug(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define log_info(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define log_warn(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define log_error(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

#endif
