/* benchutil.h: timing helpers shared by the bench executables. */
#ifndef VITRINE_BENCHUTIL_H
#define VITRINE_BENCHUTIL_H

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCHUTIL_MAX_SAMPLES 1000

static inline double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of n samples (n <= BENCHUTIL_MAX_SAMPLES); v is left unchanged. */
static inline double median(const double *v, int n)
{
    double s[BENCHUTIL_MAX_SAMPLES];
    if (n <= 0)
        return 0;
    if (n > BENCHUTIL_MAX_SAMPLES)
        n = BENCHUTIL_MAX_SAMPLES;
    memcpy(s, v, (size_t)n * sizeof *v);
    qsort(s, (size_t)n, sizeof *s, cmp_double);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

#endif
