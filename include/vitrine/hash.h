/* hash: FNV-1a, 64 bits: the hash of Vitrine's tables and memo keys. Fast
 * on short keys, no tables, the same on every platform, 32-bit ARM
 * included. And XXH64, the cache's body checksum: FNV-1a goes one byte at
 * a time, a multiplication's latency each (6 ms for startups.json, a fifth
 * of a refresh); XXH64 takes 32 bytes a step, the same on every platform
 * too. Neither is for security. */
#ifndef VITRINE_HASH_H
#define VITRINE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A64_BASIS 14695981039346656037ULL /* the hash of nothing */

/* Continues hash h over len bytes of data; start from HASH_FNV1A64_BASIS. */
uint64_t hash_fnv1a64(uint64_t h, const void *data, size_t len);
/* Same over the bytes of a NUL-terminated string (the NUL excluded). */
uint64_t hash_fnv1a64_str(uint64_t h, const char *s);
/* XXH64 of len bytes of data, seed 0 (the reference implementation's
 * XXH64(data, len, 0)). */
uint64_t hash_xxh64(const void *data, size_t len);

#endif
