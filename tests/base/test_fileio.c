/* fileio and hash: the status of each failure of a bounded read (absent,
 * too large, not a regular file), fileio_open_regular on every kind of
 * file (a FIFO with no writer, a directory, a character device, a unix
 * socket: refused at once, naming the path and the kind; a regular file and
 * a symbolic link to one: opened), mkdir -p on fresh, existing and blocked
 * paths, atomic writes (content, exact mode, nothing left behind, the old
 * file kept on failure; a FIFO, a device, a socket, a directory or a link
 * to one never replaced), and FNV-1a 64 against its published test
 * vectors. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
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

/* A read that blocks (a FIFO opened for reading waits for a writer) fails
 * the test in seconds instead of hanging it. */
#define BLOCKED_READ_S 10

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "test_fileio: a read blocked (FIFO?): FAIL\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(1);
}

/* One path refused by each reader with FILEIO_WRONG_TYPE and a line naming
 * it and what it is. */
static void check_refused(const char *path, const char *kind)
{
    char err[FILEIO_ERR_LEN], want[FILEIO_ERR_LEN + 64], head[16], *buf = (char *)"x";
    size_t len = 99, n = 99;
    unsigned long long size = 99;
    struct stat st;
    int fd = 0;
    snprintf(want, sizeof want, "%s: not a regular file (%s)", path, kind);
    CHECK_INT(fileio_open_regular(path, &fd, &st, err), FILEIO_WRONG_TYPE);
    CHECK_INT(fd, -1);
    CHECK_STR(err, want);
    CHECK_INT(fileio_read(path, 1000, &buf, &len, err), FILEIO_WRONG_TYPE);
    CHECK(buf == NULL && len == 0);
    CHECK_STR(err, want);
    CHECK_INT(fileio_read_head(path, head, sizeof head, &n, &size, err), FILEIO_WRONG_TYPE);
    CHECK(n == 0 && size == 0);
    CHECK_STR(err, want);
}

static void check_opened(const char *path, const char *content)
{
    char err[FILEIO_ERR_LEN], head[4], *buf = NULL;
    size_t len = 0, n = 0;
    unsigned long long size = 0;
    struct stat st;
    int fd = -1;
    CHECK_INT(fileio_open_regular(path, &fd, &st, err), FILEIO_OK);
    CHECK(fd >= 0 && S_ISREG(st.st_mode) && st.st_size == (off_t)strlen(content));
    if (fd >= 0) {
        CHECK((fcntl(fd, F_GETFL) & O_NONBLOCK) == 0); /* plain blocking reads */
        CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0); /* not left to a display command */
        close(fd);
    }
    CHECK_INT(fileio_read(path, 100, &buf, &len, err), FILEIO_OK);
    CHECK_STR(buf, content);
    free(buf);
    CHECK_INT(fileio_read_head(path, head, sizeof head, &n, &size, err), FILEIO_OK);
    CHECK_INT(n, sizeof head); /* the head only, and the whole size */
    CHECK_INT(size, strlen(content));
    CHECK(memcmp(head, content, sizeof head) == 0);
}

static void regular_only(void)
{
    char fifo[512], sock[512], file[512], link[512];
    signal(SIGALRM, on_alarm);
    alarm(BLOCKED_READ_S);
    path_in(fifo, sizeof fifo, "feed.fifo");
    CHECK(mkfifo(fifo, 0600) == 0);
    check_refused(fifo, "a FIFO");
    check_refused(dir, "a directory");
    check_refused("/dev/null", "a character device");
    path_in(sock, sizeof sock, "feed.sock");
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    CHECK(s >= 0 && strlen(sock) < sizeof addr.sun_path);
    memcpy(addr.sun_path, sock, strlen(sock) < sizeof addr.sun_path ? strlen(sock) + 1 : 0);
    CHECK(bind(s, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(s, 1) == 0);
    check_refused(sock, "a socket");
    close(s);
    path_in(file, sizeof file, "feed.json");
    write_file(file, "{\"data\": []}");
    check_opened(file, "{\"data\": []}");
    path_in(link, sizeof link, "link.json");
    CHECK(symlink(file, link) == 0);
    check_opened(link, "{\"data\": []}");
    alarm(0);
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
    CHECK_INT(fileio_write_atomic(path, "x", 1, 0644, true, err), FILEIO_WRONG_TYPE);
    path_in(path, sizeof path, "none/");
    CHECK_INT(fileio_write_atomic(path, "x", 1, 0644, true, err), FILEIO_BAD_PATH);
    CHECK_INT(fileio_write_atomic("", "x", 1, 0644, true, err), FILEIO_BAD_PATH);
    path_in(path, sizeof path, "a"); /* a directory: refused, nothing is left */
    CHECK_INT(fileio_write_atomic(path, "x", 1, 0644, true, err), FILEIO_WRONG_TYPE);
    CHECK(strstr(err, "/a: not a regular file (a directory)") != NULL);
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK_INT(count_named(".a.tmp-"), 0);
}

/* A write onto what is not a regular file: refused with its kind, the
 * thing left as it was (same inode, same type), no temporary file. */
static void check_not_replaced(const char *path, const char *why)
{
    char err[FILEIO_ERR_LEN];
    struct stat before, after;
    CHECK(lstat(path, &before) == 0);
    CHECK_INT(fileio_write_atomic(path, "x 1\n", 4, 0644, false, err), FILEIO_WRONG_TYPE);
    CHECK(strstr(err, path) == err);
    if (!strstr(err, why))
        fprintf(stderr, "  %s: want \"%s\" in \"%s\"\n", path, why, err);
    CHECK(strstr(err, why) != NULL);
    CHECK(lstat(path, &after) == 0 && after.st_ino == before.st_ino &&
          after.st_mode == before.st_mode && after.st_rdev == before.st_rdev);
    CHECK_INT(count_named(".vitrine-special"), 0);
}

/* The status and metrics files' rule: a FIFO, a device node (a copy of
 * /dev/null made with mknod when root; the real one otherwise, which is
 * never replaced either way), a socket, a directory, a link to one or to
 * nothing: refused. A link to a regular file: the target replaced, the
 * link kept. */
static void write_special(void)
{
    char fifo[512], node[512], sock[512], file[512], link[512], err[FILEIO_ERR_LEN], *buf = NULL;
    size_t len = 0;
    struct stat st;
    path_in(fifo, sizeof fifo, "vitrine-special.fifo");
    CHECK(mkfifo(fifo, 0600) == 0);
    check_not_replaced(fifo, "not a regular file (a FIFO)");
    path_in(node, sizeof node, "vitrine-special.null");
    if (mknod(node, S_IFCHR | 0666, makedev(1, 3)) != 0)
        snprintf(node, sizeof node, "/dev/null"); /* not root: cannot be replaced anyway */
    check_not_replaced(node, "not a regular file (a character device)");
    path_in(sock, sizeof sock, "vitrine-special.sock");
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    memcpy(addr.sun_path, sock, strlen(sock) < sizeof addr.sun_path ? strlen(sock) + 1 : 0);
    CHECK(s >= 0 && bind(s, (struct sockaddr *)&addr, sizeof addr) == 0);
    check_not_replaced(sock, "not a regular file (a socket)");
    close(s);
    path_in(link, sizeof link, "vitrine-special-fifo.link");
    CHECK(symlink(fifo, link) == 0);
    check_not_replaced(link, "a symbolic link to ");
    check_not_replaced(link, "not a regular file (a FIFO)");
    path_in(link, sizeof link, "vitrine-special-dangling.link");
    CHECK(symlink("/nonexistent/vitrine.prom", link) == 0);
    check_not_replaced(link, "a symbolic link to a file that does not exist");
    path_in(file, sizeof file, "vitrine-special.prom");
    write_file(file, "old\n");
    path_in(link, sizeof link, "vitrine-special-file.link");
    CHECK(symlink(file, link) == 0);
    CHECK_INT(fileio_write_atomic(link, "new\n", 4, 0644, true, err), FILEIO_OK);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode)); /* the link kept */
    CHECK_INT(fileio_read(file, 100, &buf, &len, err), FILEIO_OK);
    CHECK_STR(buf, "new\n"); /* its target replaced */
    free(buf);
    CHECK_INT(count_named(".vitrine-special"), 0);
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

/* The reference implementation's XXH64(data, len, 0) (libxxhash 0.8.1):
 * the tail alone, and the four lanes (32 bytes and more) with a tail of
 * each length. */
static void xxh64_vectors(void)
{
    CHECK(hash_xxh64("", 0) == 0xef46db3751d8e999ULL);
    CHECK(hash_xxh64("a", 1) == 0xd24ec4f1a98c6e5bULL);
    CHECK(hash_xxh64("abc", 3) == 0x44bc2cf5ad770999ULL);
    unsigned char bytes[100];
    for (int i = 0; i < 100; i++)
        bytes[i] = (unsigned char)i;
    CHECK(hash_xxh64(bytes, sizeof bytes) == 0x6ac1e58032166597ULL);
    const char body[] = "{\"data\": []}\n";
    CHECK(hash_xxh64(body, sizeof body - 1) == 0x15629bd258fcccacULL);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(read_statuses);
    RUN(regular_only);
    RUN(mkdirs);
    RUN(write_atomic);
    RUN(write_special);
    RUN(fnv1a64_vectors);
    RUN(xxh64_vectors);
    int rc = test_report();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return rc;
}
