/* test.h: a tiny assertion harness. Each test executable runs its cases,
 * prints "N passed, N failed" and exits non-zero on any failure. */
#ifndef VITRINE_TEST_H
#define VITRINE_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_failures, test_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        test_checks++;                                                                             \
        if (!(cond)) {                                                                             \
            test_failures++;                                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        test_checks++;                                                                             \
        if (g_ != w_) {                                                                            \
            test_failures++;                                                                       \
            fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_);    \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        test_checks++;                                                                             \
        if (!g_ || strcmp(g_, w_) != 0) {                                                          \
            test_failures++;                                                                       \
            fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,         \
                    g_ ? g_ : "(null)", w_);                                                       \
        }                                                                                          \
    } while (0)

#define CHECK_NEAR(got, want)                                                                      \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        test_checks++;                                                                             \
        if (fabs(g_ - w_) > 1e-9) {                                                                \
            test_failures++;                                                                       \
            fprintf(stderr, "%s:%d: %s = %.12g, want %.12g\n", __FILE__, __LINE__, #got, g_, w_);  \
        }                                                                                          \
    } while (0)

#define RUN(fn)                                                                                    \
    do {                                                                                           \
        int before_ = test_failures;                                                               \
        fn();                                                                                      \
        fprintf(stderr, "%s %s\n", test_failures == before_ ? "ok  " : "FAIL", #fn);               \
    } while (0)

static inline int test_report(void)
{
    printf("%d passed, %d failed\n", test_checks - test_failures, test_failures);
    return test_failures ? 1 : 0;
}

#endif
