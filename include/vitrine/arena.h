/* arena: bump allocator for the many small strings and arrays of a model
 * snapshot. Everything allocated from an arena lives until arena_free. */
#ifndef VITRINE_ARENA_H
#define VITRINE_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
/* With blocks of block_size bytes (at least the default 64 KiB): for
 * short-lived arenas of many megabytes, whose blocks the C library then maps
 * and unmaps on their own (memtune.h), so their memory leaves with them. */
arena *arena_new_blocks(size_t block_size);
void arena_free(arena *a); /* accepts NULL */
/* Empties a for reuse: everything allocated from it is gone; one block is
 * kept (zeroed again), so a loop that fills and empties an arena per item
 * does not go back to the system each time. */
void arena_reset(arena *a);
/* Zeroed, 16-byte aligned; NULL on allocation failure or absurd size. */
void *arena_alloc(arena *a, size_t size);
/* Copies n bytes and adds a NUL; NULL on failure. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s); /* NULL s gives NULL */

#endif
