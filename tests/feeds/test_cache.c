/* cache: round trip, absent, truncated, corrupt, foreign files, leftover
 * temporary files, and a failed store that keeps no debris. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "cache.h"
#include "test.h"
#include "vitrine/hash.h"

#define MAX_BODY ((size_t)1 << 20)

static char dir[] = "/tmp/vitrine-cache-XXXXXX";

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(MAX_BODY);
    *len = fread(buf, 1, MAX_BODY, f);
    fclose(f);
    return buf;
}

static void round_trip(void)
{
    char err[CACHE_ERR_LEN];
    cache *c = cache_open(dir, err);
    CHECK(c != NULL);
    cachemeta m = {.fetched_at = 1700000000};
    snprintf(m.url, sizeof m.url, "https://example.org/startups.json");
    snprintf(m.etag, sizeof m.etag, "\"abc\"");
    snprintf(m.last_modified, sizeof m.last_modified, "Wed, 20 Aug 2026 09:22:29 GMT");
    const char body[] = "{\"data\": [1, 2]}\n{not the end";
    CHECK_INT(cache_store(c, "startups", body, sizeof body - 1, &m, err), CACHE_OK);
    char *got;
    size_t len;
    cachemeta back;
    CHECK_INT(cache_load(c, "startups", MAX_BODY, &got, &len, &back, err), CACHE_OK);
    CHECK_INT(len, sizeof body - 1);
    CHECK(got && memcmp(got, body, len) == 0);
    CHECK_STR(back.url, m.url);
    CHECK_STR(back.etag, m.etag);
    CHECK_STR(back.last_modified, m.last_modified);
    CHECK_INT(back.fetched_at, 1700000000);
    CHECK_INT(back.hash, hash_xxh64(body, sizeof body - 1)); /* what a body is written with */
    CHECK(!back.fnv1a);
    free(got);
    CHECK_INT(cache_load(c, "authors", MAX_BODY, &got, &len, &back, err), CACHE_ABSENT);
    CHECK(got == NULL);
    CHECK_INT(cache_load(c, "startups", 4, &got, &len, &back, err), CACHE_CORRUPT); /* too big */
    cache_free(c);
}

/* A copy written before XXH64 (an "fnv1a64" line) is still a good copy,
 * checked with FNV-1a; damaged, it is refused like any other. */
static void older_copies_load(void)
{
    char err[CACHE_ERR_LEN], path[512], file[256];
    cache *c = cache_open(dir, err);
    const char body[] = "[{\"id\": \"x\"}]";
    for (int damaged = 0; damaged < 2; damaged++) {
        int n = snprintf(
            file, sizeof file,
            "{\"format\":\"vitrine-cache-1\",\"url\":\"u\",\"fetched_at\":1,"
            "\"size\":%zu,\"fnv1a64\":\"%016llx\"}\n%s",
            sizeof body - 1,
            (unsigned long long)hash_fnv1a64(HASH_FNV1A64_BASIS, body, sizeof body - 1), body);
        if (damaged)
            file[n - 3] = 'y';
        CHECK(cache_path(c, "authors", path, sizeof path));
        write_file(path, file, (size_t)n);
        char *got = NULL;
        size_t len;
        cachemeta back;
        CHECK_INT(cache_load(c, "authors", MAX_BODY, &got, &len, &back, err),
                  damaged ? CACHE_CORRUPT : CACHE_OK);
        CHECK(damaged ? strstr(err, "checksum") != NULL : back.fnv1a && len == sizeof body - 1);
        free(got);
    }
    cache_free(c);
}

static void damaged_files_are_refused(void)
{
    char err[CACHE_ERR_LEN], path[512];
    cache *c = cache_open(dir, err);
    cachemeta m = {.fetched_at = 1};
    const char body[] = "[{\"id\": \"x\"}]";
    CHECK_INT(cache_store(c, "authors", body, sizeof body - 1, &m, err), CACHE_OK);
    CHECK(cache_path(c, "authors", path, sizeof path));
    size_t len = 0;
    char *whole = read_file(path, &len);
    CHECK(whole && len > 3);
    if (!whole || len <= 3)
        return;
    char *got;
    size_t glen;
    cachemeta back;
    write_file(path, whole, len - 3); /* truncated */
    CHECK_INT(cache_load(c, "authors", MAX_BODY, &got, &glen, &back, err), CACHE_CORRUPT);
    CHECK(strstr(err, "authors.cache") && strstr(err, "size"));
    whole[len - 2] ^= 0x20; /* one flipped bit, same size */
    write_file(path, whole, len);
    CHECK_INT(cache_load(c, "authors", MAX_BODY, &got, &glen, &back, err), CACHE_CORRUPT);
    CHECK(strstr(err, "checksum") != NULL);
    write_file(path, body, sizeof body - 1); /* a bare body, no metadata line */
    CHECK_INT(cache_load(c, "authors", MAX_BODY, &got, &glen, &back, err), CACHE_CORRUPT);
    CHECK(strstr(err, "authors.cache: no metadata line") != NULL);
    char *long_line = malloc(CACHEMETA_LINE_MAX + 100); /* a first line longer than ours can be */
    if (long_line) {
        memset(long_line, 'x', CACHEMETA_LINE_MAX + 99);
        long_line[CACHEMETA_LINE_MAX + 99] = '\n';
        write_file(path, long_line, CACHEMETA_LINE_MAX + 100);
        free(long_line);
    }
    CHECK_INT(cache_load(c, "authors", MAX_BODY, &got, &glen, &back, err), CACHE_CORRUPT);
    CHECK(strstr(err, "authors.cache: metadata line over 4096 bytes: not a cache file") != NULL);
    CHECK_INT(cache_peek(c, "authors", MAX_BODY, &back, err), CACHE_CORRUPT);
    CHECK(strstr(err, "authors.cache: metadata line over 4096 bytes: not a cache file") != NULL);
    write_file(path, "", 0);
    CHECK_INT(cache_load(c, "authors", MAX_BODY, &got, &glen, &back, err), CACHE_CORRUPT);
    CHECK(got == NULL);
    free(whole);
    cache_free(c);
}

static void leftover_temps_are_removed_when_old(void)
{
    char err[CACHE_ERR_LEN], old[512], young[512];
    snprintf(old, sizeof old, "%s/.defis.cache.tmp-AAAAAA", dir);
    snprintf(young, sizeof young, "%s/.defis.cache.tmp-BBBBBB", dir);
    write_file(old, "half", 4);
    write_file(young, "half", 4);
    time_t long_ago = time(NULL) - CACHE_STALE_TEMP_S - 60;
    struct utimbuf t = {long_ago, long_ago};
    CHECK(utime(old, &t) == 0);
    cache *c = cache_open(dir, err);
    CHECK(c != NULL);
    CHECK(access(old, F_OK) != 0);   /* a crash leftover */
    CHECK(access(young, F_OK) == 0); /* may be another process's write in progress */
    unlink(young);
    cache_free(c);
}

static void failed_store_keeps_no_debris(void)
{
    char err[CACHE_ERR_LEN], path[512], inner[600];
    cache *c = cache_open(dir, err);
    CHECK(cache_path(c, "personnes", path, sizeof path));
    CHECK(mkdir(path, 0700) == 0); /* refused before anything is written (fileio) */
    snprintf(inner, sizeof inner, "%s/x", path);
    write_file(inner, "x", 1);
    cachemeta m = {0};
    CHECK_INT(cache_store(c, "personnes", "{}", 2, &m, err), CACHE_IO_ERROR);
    CHECK(strstr(err, "personnes.cache: not a regular file (a directory)") != NULL);
    unlink(inner);
    rmdir(path);
    cache_free(c);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "ls -A %s | grep -c tmp- >/dev/null", dir);
    CHECK(system(cmd) != 0); /* no temporary file left */
}

static void unusable_dir_is_reported(void)
{
    char err[CACHE_ERR_LEN], file[512];
    snprintf(file, sizeof file, "%s/plainfile", dir);
    write_file(file, "x", 1);
    char sub[600];
    snprintf(sub, sizeof sub, "%s/sub", file);
    cache *c = cache_open(sub, err); /* opened: it may become usable */
    CHECK(c != NULL);
    cachemeta m = {0};
    char *body;
    size_t len;
    CHECK(cache_load(c, "startups", 1024, &body, &len, &m, err) != CACHE_OK);
    CHECK_INT(cache_store(c, "startups", "{}", 2, &m, err), CACHE_IO_ERROR);
    CHECK(strstr(err, "plainfile") != NULL);
    unlink(file); /* the place is free now: the next store makes the directory */
    CHECK_INT(cache_store(c, "startups", "{}", 2, &m, err), CACHE_OK);
    CHECK_INT(cache_load(c, "startups", 1024, &body, &len, &m, err), CACHE_OK);
    free(body);
    cache_free(c);
    char path[700];
    snprintf(path, sizeof path, "%s/startups.cache", sub);
    unlink(path);
    rmdir(sub);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    RUN(round_trip);
    RUN(older_copies_load);
    RUN(damaged_files_are_refused);
    RUN(leftover_temps_are_removed_when_old);
    RUN(failed_store_keeps_no_debris);
    RUN(unusable_dir_is_reported);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return test_report();
}
