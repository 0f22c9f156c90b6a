/* hash: FNV-1a 64 (Fowler, Noll, Vo), byte by byte; XXH64 (Yann Collet's
 * xxHash, 64 bits, seed 0), 32 bytes a step in four lanes. */
#include "vitrine/hash.h"

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

#define XXH_P1 0x9E3779B185EBCA87ULL
#define XXH_P2 0xC2B2AE3D27D4EB4FULL
#define XXH_P3 0x165667B19E3779F9ULL
#define XXH_P4 0x85EBCA77C2B2AE63ULL
#define XXH_P5 0x27D4EB2F165667C5ULL

static uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

/* Little-endian on every platform (compilers make it one load on x86 and
 * ARM). */
static uint64_t read64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint64_t read32(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

static uint64_t xxh_round(uint64_t acc, uint64_t input)
{
    return rotl64(acc + input * XXH_P2, 31) * XXH_P1;
}

static uint64_t xxh_merge(uint64_t acc, uint64_t lane)
{
    return (acc ^ xxh_round(0, lane)) * XXH_P1 + XXH_P4;
}

/* The four lanes over the 32-byte stripes of [*p, end), merged. */
static uint64_t xxh_stripes(const unsigned char **p, const unsigned char *end)
{
    uint64_t v1 = XXH_P1 + XXH_P2, v2 = XXH_P2, v3 = 0, v4 = 0 - XXH_P1;
    const unsigned char *q = *p;
    for (; end - q >= 32; q += 32) {
        v1 = xxh_round(v1, read64(q));
        v2 = xxh_round(v2, read64(q + 8));
        v3 = xxh_round(v3, read64(q + 16));
        v4 = xxh_round(v4, read64(q + 24));
    }
    *p = q;
    uint64_t h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    return xxh_merge(xxh_merge(xxh_merge(xxh_merge(h, v1), v2), v3), v4);
}

uint64_t hash_xxh64(const void *data, size_t len)
{
    const unsigned char *p = data, *end = p + len;
    uint64_t h = (len >= 32 ? xxh_stripes(&p, end) : XXH_P5) + (uint64_t)len;
    for (; end - p >= 8; p += 8)
        h = rotl64(h ^ xxh_round(0, read64(p)), 27) * XXH_P1 + XXH_P4;
    if (end - p >= 4) {
        h = rotl64(h ^ read32(p) * XXH_P1, 23) * XXH_P2 + XXH_P3;
        p += 4;
    }
    for (; p < end; p++)
        h = rotl64(h ^ *p * XXH_P5, 11) * XXH_P1;
    h = (h ^ h >> 33) * XXH_P2;
    h = (h ^ h >> 29) * XXH_P3;
    return h ^ h >> 32;
}
