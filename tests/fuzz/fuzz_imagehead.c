/* fuzz_imagehead: the PNG and JPEG header reader on arbitrary bytes, passed
 * at their exact size (ASan sees any read past the end). A size is always
 * positive when the bytes are accepted, the status is one of the four and
 * err is one line; a refused file says why. A whole file cut anywhere before
 * its last byte that is not padding is never accepted (PNG: the walk to IEND
 * sees the cut; a JPEG's scan data is not walked, so a cut there can end on
 * bytes that look like its end marker). */
#include <string.h>

#include "fuzz.h"
#include "vitrine/imagehead.h"

static imagehead_status check_read(const uint8_t *data, size_t size, imagehead_info *info)
{
    char err[IMAGEHEAD_ERR_LEN];
    memset(err, 'x', sizeof err);
    imagehead_status st = imagehead_read(data, size, info, err);
    FUZZ_CHECK(st == IMAGEHEAD_OK || st == IMAGEHEAD_NOT_IMAGE || st == IMAGEHEAD_INCOMPLETE ||
               st == IMAGEHEAD_BAD);
    size_t n = strnlen(err, sizeof err);
    FUZZ_CHECK(n < sizeof err && strchr(err, '\n') == NULL);
    FUZZ_CHECK((st == IMAGEHEAD_OK) == (n == 0));
    if (st == IMAGEHEAD_OK) {
        FUZZ_CHECK(info->width > 0 && info->height > 0);
        FUZZ_CHECK(info->kind == (data[0] == 0x89 ? IMAGEHEAD_PNG : IMAGEHEAD_JPEG));
    }
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *exact = malloc(size ? size : 1);
    FUZZ_CHECK(exact != NULL);
    memcpy(exact, data, size);
    imagehead_info info;
    if (check_read(exact, size, &info) == IMAGEHEAD_OK && info.kind == IMAGEHEAD_PNG) {
        size_t end = size;
        while (end > 0 && (exact[end - 1] == 0 || strchr(" \t\r\n", exact[end - 1])))
            end--;
        /* Cuts near the end and at a few points before: each one is a
         * separate exact-size read. */
        for (size_t cut = 1; cut <= 16 && cut <= end; cut++) {
            imagehead_info cut_info;
            FUZZ_CHECK(check_read(exact, end - cut, &cut_info) != IMAGEHEAD_OK);
            FUZZ_CHECK(check_read(exact, (end - 1) * cut / 17, &cut_info) != IMAGEHEAD_OK);
        }
    }
    free(exact);
    return 0;
}
