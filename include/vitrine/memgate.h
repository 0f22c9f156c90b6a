/* memgate: keeps two memory-hungry moments of the kiosk apart, so that its
 * peak memory is the larger of the two, not their sum: a slide transition
 * (a second full-screen slide texture, 8 MiB at 1080p) and the fetch
 * thread's parse of new data (the body, its JSON tree and a new model, ~12
 * MiB for the beta.gouv.fr feeds). Each side holds the gate for the length
 * of its moment. Not behind it: the bodies being downloaded, now all at
 * once (fetch.h; each at most max_bytes, ~4 MB for the largest real feed),
 * which add to either moment. A mutex; all functions accept NULL (no gate:
 * no-op). */
#ifndef VITRINE_MEMGATE_H
#define VITRINE_MEMGATE_H

#include <stdbool.h>

typedef struct memgate memgate;

memgate *memgate_new(void); /* NULL when out of memory */
void memgate_free(memgate *g);
void memgate_enter(memgate *g);     /* waits while the other side holds it */
bool memgate_try_enter(memgate *g); /* never waits */
/* True while a thread waits in memgate_enter: a holder that could let it
 * go first leaves (the kiosk drawing the next slide ahead, which would
 * otherwise take the gate again at once, and keep the fetch thread out). */
bool memgate_waiting(memgate *g);
void memgate_leave(memgate *g);

#endif
