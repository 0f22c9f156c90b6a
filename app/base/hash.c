/* hash: FNV-1a 64 (Fowler, Noll, Vo), byte by byte; XXH64 (Yann Collet's
 * xxHash, 64 bits, seed 0) from Debian's libxxhash. */
#include "vitrine/hash.h"

#include <xxhash.h>

#define FNV1A64_PRIME 1099511628211ULL

uint64_t hash_fnv1a64(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * FNV1A64_PRIME;
    return h;
}

uint64_t hash_fnv1a64_str(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * FNV1A64_PRIME;
    return h;
}

uint64_t hash_xxh64(const void *data, size_t len)
{
    return XXH64(data, len, 0);
}
