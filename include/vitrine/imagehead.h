/* imagehead: the kind and size of a PNG or JPEG image read from its header,
 * without decoding it, and whether the file is whole.
 *
 * A poster is refused before any pixel is allocated when it is too large
 * (picture_load compares the size read here with its cap: a 1 MB PNG can
 * claim 20000x20000 pixels), and it is shown whole or not at all: a file
 * still being copied into the posters folder, or cut by a full disk, is
 * refused rather than shown with its bottom part grey. So besides the
 * header, the structure is walked to the end the format gives:
 *  - PNG: the signature, IHDR as the first chunk (size non-zero), then
 *    every chunk by its length up to IEND, whose CRC ends the file;
 *  - JPEG: SOI, the marker segments by their lengths up to the first frame
 *    header (SOFn: C0..CF except C4, C8, CC), which gives the size, then up
 *    to the first scan header (SOS: whether the image comes in several
 *    scans), and the EOI marker (FF D9) at the end of the file.
 * After the end, only padding is allowed (zero or whitespace bytes: some
 * cameras and copy tools add them). Every read is bounds-checked against
 * len: the bytes are whatever the folder holds. Pure and thread-safe. */
#ifndef VITRINE_IMAGEHEAD_H
#define VITRINE_IMAGEHEAD_H

#include <stdbool.h>
#include <stddef.h>

#define IMAGEHEAD_ERR_LEN 128

typedef enum { IMAGEHEAD_PNG, IMAGEHEAD_JPEG } imagehead_kind;

typedef struct {
    imagehead_kind kind;
    long width, height; /* both > 0 on IMAGEHEAD_OK */
    /* A JPEG in several scans (progressive, or sequential with one scan per
     * component): a decoder keeps every coefficient of the whole image until
     * the last scan, whatever the scale it outputs at. False for a PNG. */
    bool multi_scan;
} imagehead_info;

typedef enum {
    IMAGEHEAD_OK = 0,
    IMAGEHEAD_NOT_IMAGE,  /* neither PNG nor JPEG (empty, text, GIF...) */
    IMAGEHEAD_INCOMPLETE, /* the file ends before the format says it does */
    IMAGEHEAD_BAD         /* a PNG or a JPEG with a malformed structure */
} imagehead_status;

/* Reads bytes[0..len) (no NUL needed). On IMAGEHEAD_OK fills *out; otherwise
 * *out is left as it was and err holds one short reason, without the file
 * name (the caller adds it): "cut short: no PNG end chunk". */
imagehead_status imagehead_read(const unsigned char *bytes, size_t len, imagehead_info *out,
                                char err[IMAGEHEAD_ERR_LEN]);

#endif
