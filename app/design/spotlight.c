/* spotlight: a per-day permutation of the candidates, walked by cycle.
 * index = (start + cycle * stride) mod n with gcd(stride, n) = 1 is a full
 * cycle of Z/n, so every product comes up once per n cycles. */
#include "vitrine/spotlight.h"

#include <stdint.h>

static uint64_t mix(uint64_t x)
{
    /* splitmix64 finaliser: spreads consecutive dates over the range. */
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

static size_t gcd(size_t a, size_t b)
{
    while (b) {
        size_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

size_t spotlight_index(size_t n, vt_date today, unsigned long cycle)
{
    if (n == 0)
        return 0;
    uint64_t h = mix((uint64_t)(uint32_t)today);
    size_t start = (size_t)(h % n);
    size_t stride = n > 1 ? 1 + (size_t)((h >> 32) % (n - 1)) : 1;
    while (gcd(stride, n) != 1)
        stride = stride % (n - 1) + 1; /* stays in [1, n-1]; 1 always works */
    return (size_t)((start + (uint64_t)(cycle % n) * stride) % n);
}
