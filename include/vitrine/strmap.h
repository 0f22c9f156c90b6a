/* strmap: string -> integer hash map with insertion order kept, used for
 * counters, sets and id lookups. Keys are borrowed: they must outlive the map
 * (they normally live in a model or stats arena). */
#ifndef VITRINE_STRMAP_H
#define VITRINE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strmap strmap;
typedef struct {
    const char *key;
    long value;
} strmap_entry;

strmap *strmap_new(void);
void strmap_free(strmap *m); /* accepts NULL */
/* Returns the entry for key, creating it with value 0 when absent; NULL only
 * on allocation failure. */
strmap_entry *strmap_upsert(strmap *m, const char *key);
strmap_entry *strmap_find(const strmap *m, const char *key);
/* Adds 1 to key's value; false on allocation failure. */
bool strmap_incr(strmap *m, const char *key);
size_t strmap_count(const strmap *m);
/* Entries in insertion order; valid until the next insertion. */
const strmap_entry *strmap_entries(const strmap *m);

#endif
