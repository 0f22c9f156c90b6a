/* strmap: open addressing (linear probing) over an index table; entries sit
 * in a dense array in insertion order, which gives deterministic output. */
#include "vitrine/strmap.h"

#include "vitrine/hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STRMAP_MIN_SLOTS 16

struct strmap {
    strmap_entry *entries;
    size_t n, cap;   /* entries used / allocated */
    uint32_t *slots; /* 0 = empty, else entry index + 1 */
    size_t n_slots;  /* power of two, kept > 2 * n */
};

strmap *strmap_new(void)
{
    return calloc(1, sizeof(strmap));
}

void strmap_free(strmap *m)
{
    if (!m)
        return;
    free(m->entries);
    free(m->slots);
    free(m);
}

static size_t slot_of(const strmap *m, const char *key, bool *found)
{
    size_t mask = m->n_slots - 1;
    size_t i = (size_t)hash_fnv1a64_str(HASH_FNV1A64_BASIS, key) & mask;
    while (m->slots[i]) {
        if (strcmp(m->entries[m->slots[i] - 1].key, key) == 0) {
            *found = true;
            return i;
        }
        i = (i + 1) & mask;
    }
    *found = false;
    return i;
}

static bool rehash(strmap *m, size_t n_slots)
{
    uint32_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return false;
    free(m->slots);
    m->slots = slots;
    m->n_slots = n_slots;
    for (size_t e = 0; e < m->n; e++) {
        bool found;
        m->slots[slot_of(m, m->entries[e].key, &found)] = (uint32_t)(e + 1);
    }
    return true;
}

static bool grow(strmap *m)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 8;
        strmap_entry *e = realloc(m->entries, cap * sizeof *e);
        if (!e)
            return false;
        m->entries = e;
        m->cap = cap;
    }
    if ((m->n + 1) * 2 >= m->n_slots)
        return rehash(m, m->n_slots ? m->n_slots * 2 : STRMAP_MIN_SLOTS);
    return true;
}

strmap_entry *strmap_find(const strmap *m, const char *key)
{
    if (!m || !key || m->n == 0)
        return NULL;
    bool found;
    size_t i = slot_of(m, key, &found);
    return found ? &m->entries[m->slots[i] - 1] : NULL;
}

strmap_entry *strmap_upsert(strmap *m, const char *key)
{
    if (!m || !key)
        return NULL;
    strmap_entry *e = strmap_find(m, key);
    if (e)
        return e;
    if (m->n >= UINT32_MAX - 1 || !grow(m))
        return NULL;
    bool found;
    size_t i = slot_of(m, key, &found);
    m->entries[m->n] = (strmap_entry){key, 0};
    m->slots[i] = (uint32_t)(m->n + 1);
    return &m->entries[m->n++];
}

bool strmap_incr(strmap *m, const char *key)
{
    strmap_entry *e = strmap_upsert(m, key);
    if (!e)
        return false;
    e->value++;
    return true;
}

size_t strmap_count(const strmap *m)
{
    return m ? m->n : 0;
}

const strmap_entry *strmap_entries(const strmap *m)
{
    return m ? m->entries : NULL;
}
