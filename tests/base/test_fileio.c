/* fileio and hash: the status of each failure of a bounded read (absent,
 * too large, not a regular file), mkdir -p on fresh, existing and blocked
 * paths, atomic writes (content, exact mode, nothing left behind, the old
 * file kept on failure), and FNV-1a 64 against its published test
 * vectors. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "vitrine/fileio.h"
#include "vitrine/hash.h"

static char dir[] = "/tmp/vitrine-fileio-XXXXXX";

static void path_in(char *out, size_t outsz, const char *rel)
{
    CHECK(fileio_join(out, outsz, dir, rel));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void read_statuses(void)
{
    char path[512], err[FILEIO_ERR_LEN], *buf = NULL;
    size_t len = 99;
    path_in(path, sizeof path, "ten.txt");
    write_file(path, "0123456789");
    CHECK_INT(fileio_read(path, 10, &buf, &len, err), FILEIO_OK);
    CHECK_INT(len, 10);
    CHECK_STR(buf, "0123456789");
    free(buf);
    CHECK_INT(fileio_read(path, 9, &buf, &len, err), FILEIO_TOO_LARGE);
    CHECK(buf == NULL && len == 0);
    CHECK(strstr(err, "ten.txt: too large (10 bytes, limit 9)") != NULL);
    path_in(path, sizeof path, "missing.txt");
    CHECK_INT(fileio_read(path, 10, &buf, &len, err), FILEIO_ABSENT);
    CHECK(strstr(err, "missing.txt") != NULL);
    CHECK_INT(fileio_read(dir, 10, &buf, &len, err), FILEIO_WRONG_TYPE);
    CHECK(strstr(err, "not a regular file") != NULL);
}

static void mkdirs(void)
{
    char path[512], err[FILEIO_ERR_LEN];
    struct stat st;
    path_in(path, sizeof path, "a/b/c/");
    CHECK_INT(fileio_mkdirs(path, 0755, err), FILEIO_OK);
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK_INT(fileio_mkdirs(path, 0755, err), FILEIO_OK); /* already there */
    path_in(path, sizeof path, "ten.txt");
    CHECK_INT(fileio_mkdirs(path, 0755, err), FILEIO_WRONG_TYPE);
    CHECK(strstr(err, "not a directory") != NULL);
    path_in(path, sizeof path, "ten.txt/below");
    CHECK_INT(fileio_mkdirs(path, 0755, err), FILEIO_IO_ERROR);
    CHECK(strstr(err, "cannot create directory") != NULL);
    CHECK_INT(fileio_mkdirs("", 0755, err), FILEIO_BAD_PATH);
}

/* Files of dir whose name starts with prefix. */
static int count_named(const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

static void write_atomic(void)
{
    char path[512], err[FILEIO_ERR_LEN], *buf = NULL;
    size_t len = 0;
    struct stat st;
    path_in(path, sizeof path, "vitrine.prom");
    mode_t old_mask = umask(077); /* the mode asked for is the mode given */
    CHECK_INT(fileio_write_atomic(path, "a 1\n", 4, 0644, true, err), FILEIO_OK);
    umask(old_mask);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
    CHECK_INT(fileio_read(path, 100, &buf, &len, err), FILEIO_OK);
    CHECK_STR(buf, "a 1\n");
    free(buf);
    CHECK_INT(fileio_write_atomic(path, "b 2\n", 4, 0644, false, err), FILEIO_OK); /* replaced */
    CHECK_INT(fileio_read(path, 100, &buf, &len, err), FILEIO_OK);
    CHECK_STR(buf, "b 2\n");
    free(buf);
    CHECK_INT(count_named(".vitrine.prom.tmp-"), 0); /* no temporary file left */
    path_in(path, sizeof path, "no-such-dir/x.json");
    CHECK_INT(fileio_write_atomic(path, "x", 1, 0644, true, err), FILEIO_ABSENT);
    CHECK(strstr(err, "no-such-dir/x.json") != NULL);
    path_in(path, sizeof path, "a/");
    CHECK_INT(fileio_write_atomic(path, "x", 1, 0644, true, err), FILEIO_BAD_PATH);
    path_in(path, sizeof path, "a"); /* a directory: rename refuses, nothing is left */
    CHECK_INT(fileio_write_atomic(path, "x", 1, 0644, true, err), FILEIO_IO_ERROR);
    CHECK(strstr(err, "rename") != NULL);
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK_INT(count_named(".a.tmp-"), 0);
}

static void fnv1a64_vectors(void)
{
    /* From the FNV reference (www.isthe.com/chongo/tech/comp/fnv). */
    CHECK(hash_fnv1a64(HASH_FNV1A64_BASIS, "", 0) == 0xcbf29ce484222325ULL);
    CHECK(hash_fnv1a64(HASH_FNV1A64_BASIS, "a", 1) == 0xaf63dc4c8601ec8cULL);
    CHECK(hash_fnv1a64(HASH_FNV1A64_BASIS, "foobar", 6) == 0x85944171f73967e8ULL);
    CHECK(hash_fnv1a64_str(HASH_FNV1A64_BASIS, "foobar") == 0x85944171f73967e8ULL);
    /* Continuing a hash is hashing the concatenation. */
    CHECK(hash_fnv1a64_str(hash_fnv1a64(HASH_FNV1A64_BASIS, "foo", 3), "bar") ==
          0x85944171f73967e8ULL);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(read_statuses);
    RUN(mkdirs);
    RUN(write_atomic);
    RUN(fnv1a64_vectors);
    int rc = test_report();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return rc;
}
