/* replay: the driver that turns fuzz targets into ordinary tests. Its main()
 * feeds every file of the given directories (and any plain file given) to
 * the target's LLVMFuzzerTestOneInput, in name order, under the normal
 * sanitizer build: the regression inputs of crashes found and fixed, and the
 * seed corpus. A crash or a violated invariant aborts the test; so does
 * finding no input at all, which would mean the test checks nothing. */
#include <dirent.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "vitrine/fileio.h"
#include "vitrine/parse.h"

static bool replay_file(const char *path)
{
    char *buf;
    size_t len;
    char err[FILEIO_ERR_LEN];
    if (fileio_read(path, PARSE_MAX_BYTES, &buf, &len, err) != FILEIO_OK) {
        fprintf(stderr, "replay: %s\n", err);
        return false;
    }
    /* An exact-size copy, as libFuzzer passes it: no NUL to lean on. */
    uint8_t *exact = malloc(len ? len : 1);
    FUZZ_CHECK(exact != NULL);
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return true;
}

static int is_input(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int replay_dir(const char *dir, size_t *count)
{
    struct dirent **names;
    int n = scandir(dir, &names, is_input, alphasort);
    if (n < 0) {
        fprintf(stderr, "replay: %s: cannot read the directory\n", dir);
        return 1;
    }
    int failed = 0;
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX];
        if (!fileio_join(path, sizeof path, dir, names[i]->d_name) || !replay_file(path))
            failed = 1;
        else
            (*count)++;
        free(names[i]);
    }
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            failed |= replay_dir(argv[i], &count);
        } else if (replay_file(argv[i])) {
            count++;
        } else {
            failed = 1;
        }
    }
    printf("replay: %zu input(s) replayed\n", count);
    if (count == 0) {
        fprintf(stderr, "replay: no input found: the test would check nothing\n");
        return 1;
    }
    return failed;
}
