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

/* The guard's counts, the operator's acceptance and a held body's reason
 * come back as written; a malformed part of them is left out, not fatal. */
static void checks_round_trip(void)
{
    cachemeta in = {
        .url = "u", .fetched_at = 1, .size = 2, .records = 662, .accepted_at = INT64_C(1796600000)};
    snprintf(in.held_reason, sizeof in.held_reason, "products.active would fall from 246 to 0");
    in.n_fields = 2;
    snprintf(in.fields[0].name, sizeof in.fields[0].name, "phases[].start");
    in.fields[0].readable = 662;
    in.fields[0].canonical = 662;
    snprintf(in.fields[1].name, sizeof in.fields[1].name, "phases[].name");
    in.fields[1].readable = 660;
    in.fields[1].canonical = 12;
    headline_put(&in.figures, "products.active", 246);
    headline_put(&in.figures, "products.phase.abandon-investigation", 202);
    char *line = cachemeta_print(&in);
    CHECK(line != NULL);
    cachemeta out;
    CHECK_INT(parse(line ? line : "", &out), CACHEMETA_OK);
    free(line);
    CHECK_INT(out.records, 662);
    CHECK_INT(out.n_fields, 2);
    CHECK_STR(out.fields[1].name, "phases[].name");
    CHECK(out.fields[1].readable == 660 && out.fields[1].canonical == 12);
    long v = 0;
    CHECK(headline_get(&out.figures, "products.phase.abandon-investigation", &v) && v == 202);
    CHECK_INT(out.figures.n, 2);
    CHECK(out.accepted_at == in.accepted_at);
    CHECK_STR(out.held_reason, in.held_reason);
    const char *odd = "{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":1," HASH
                      ",\"fields\":{\"a\":[1],\"b\":[-1,2],\"c\":[3,3]},\"figures\":"
                      "{\"x\":1.5,\"y\":\"2\",\"z\":4},\"accepted_at\":-3}";
    CHECK_INT(parse(odd, &out), CACHEMETA_OK);
    CHECK_INT(out.n_fields, 1);
    CHECK_STR(out.fields[0].name, "c");
    CHECK_INT(out.figures.n, 1);
    CHECK_INT(out.accepted_at, 0);
    CHECK_STR(out.held_reason, "");
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

/* A line written before XXH64 names its FNV-1a checksum "fnv1a64": read
 * as such, and written back so (its validators rewritten, say); a new
 * line names "xxh64". Bodies of the two kinds are never the same body. */
static void checksum_kinds(void)
{
    cachemeta old, now;
    CHECK_INT(parse("{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":1," HASH "}", &old),
              CACHEMETA_OK);
    CHECK(old.fnv1a && old.hash == 0xff);
    char *line = cachemeta_print(&old);
    CHECK(line && strstr(line, HASH) && !strstr(line, "xxh64"));
    free(line);
    CHECK_INT(parse("{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":1,"
                    "\"xxh64\":\"00000000000000FF\"}",
                    &now),
              CACHEMETA_OK);
    CHECK(!now.fnv1a && now.hash == 0xff);
    line = cachemeta_print(&now);
    CHECK(line && strstr(line, "\"xxh64\":\"00000000000000ff\"") && !strstr(line, "fnv1a64"));
    free(line);
    CHECK(!cachemeta_same_body(&old, &now));
    now.fnv1a = true;
    CHECK(cachemeta_same_body(&old, &now));
    CHECK(cachemeta_checksum(&now, "a", 1) == 0xaf63dc4c8601ec8cULL); /* FNV-1a */
    now.fnv1a = false;
    CHECK(cachemeta_checksum(&now, "a", 1) == 0xd24ec4f1a98c6e5bULL); /* XXH64 */
    const char *bad = "{\"format\":\"vitrine-cache-1\",\"size\":1,\"fetched_at\":1,"
                      "\"xxh64\":\"xyz\"," HASH "}";
    CHECK_INT(parse(bad, &now), CACHEMETA_INVALID); /* a bad xxh64 is not an fnv1a64 line */
}

int main(void)
{
    RUN(round_trip);
    RUN(checks_round_trip);
    RUN(numbers_out_of_range);
    RUN(checksum_kinds);
    return test_report();
}
