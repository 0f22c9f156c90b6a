/* cachemeta: the cache file's metadata line survives a round trip, and a
 * line with a number out of range (edited by hand, damaged on disk) is
 * rejected before any conversion: never a negative date, a wrapped size on
 * a 32-bit Pi, or undefined behaviour (UBSan runs this test). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vitrine/cachemeta.h"

#define HASH "\"fnv1a64\":\"00000000000000ff\""

static cachemeta_status parse(const char *line, cachemeta *out)
{
    const char *why = NULL;
    cachemeta_status st = cachemeta_parse(line, strlen(line), out, &why);
    CHECK(st == CACHEMETA_OK || (why && *why));
    return st;
}

static void round_trip(void)
{
    cachemeta in = {.url = "https://example.org/a.json",
                    .etag = "\"v1\"",
                    .fetched_at = INT64_C(1767225600),
                    .size = 4096,
                    .hash = UINT64_C(0x0123456789abcdef)};
    char *line = cachemeta_print(&in);
    CHECK(line != NULL);
    cachemeta out;
    CHECK_INT(parse(line, &out), CACHEMETA_OK);
    CHECK_STR(out.url, in.url);
    CHECK_STR(out.etag, in.etag);
    CHECK(out.fetched_at == in.fetched_at && out.size == in.size && out.hash == in.hash);
    free(line);
}

/* Each line differs from a valid one by one number. */
static void numbers_out_of_range(void)
{
    static const char *const bad[] = {
        "{\"format\":\"vitrine-cache-1\",\"size\":1e30,\"fetched_at\":1," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":-1,\"fetched_at\":1," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":1.5,\"fetched_at\":1," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":18446744073709551616,\"fetched_at\":1," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":-5," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":1e300," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":9007199254740994," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":\"1\"," HASH "}",
        "{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":1,\"fnv1a64\":\"xyz\"}",
    };
    cachemeta out = {.size = 7};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_INT(parse(bad[i], &out), CACHEMETA_INVALID);
        CHECK_INT(out.size, 7); /* untouched */
    }
    const char *good = "{\"format\":\"vitrine-cache-1\",\"size\":4294967295,"
                       "\"fetched_at\":9007199254740992," HASH "}";
    CHECK_INT(parse(good, &out), CACHEMETA_OK);
    CHECK(out.fetched_at == INT64_C(9007199254740992));
    CHECK(out.size == (size_t)UINT32_MAX); /* fits a 32-bit size_t too */
}

int main(void)
{
    RUN(round_trip);
    RUN(numbers_out_of_range);
    return test_report();
}
