/* hash: FNV-1a, 64 bits: the one hash of Vitrine (the cache's body
 * checksum, hash tables, memo keys). Fast on short keys, no tables, the
 * same on every platform, 32-bit ARM included. Not for security. */
#ifndef VITRINE_HASH_H
#define VITRINE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A64_BASIS 14695981039346656037ULL /* the hash of nothing */

/* Continues hash h over len bytes of data; start from HASH_FNV1A64_BASIS. */
uint64_t hash_fnv1a64(uint64_t h, const void *data, size_t len);
/* Same over the bytes of a NUL-terminated string (the NUL excluded). */
uint64_t hash_fnv1a64_str(uint64_t h, const char *s);

#endif
