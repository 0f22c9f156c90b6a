/* statsjson: the --dump-stats JSON contract of shared/docs/metrics.md. */
#ifndef VITRINE_STATSJSON_H
#define VITRINE_STATSJSON_H

#include "vitrine/stats.h"

/* Returns a malloc'ed, NUL-terminated JSON document (caller frees with
 * free()), NULL on allocation failure. */
char *statsjson_print(const stats *s);

#endif
