/* imagehead: sizes read from hand-made PNG and JPEG headers, and every way
 * a file can be cut short, lie about its size or not be an image at all.
 * Each input is copied to a buffer of its exact size, so that ASan sees a
 * read past its end. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vitrine/imagehead.h"

#define BUF_MAX 512

typedef struct {
    unsigned char b[BUF_MAX];
    size_t len;
} bytes;

static void put(bytes *o, const void *p, size_t n)
{
    CHECK(o->len + n <= BUF_MAX);
    if (o->len + n <= BUF_MAX) {
        memcpy(o->b + o->len, p, n);
        o->len += n;
    }
}

static void put32(bytes *o, unsigned long v)
{
    unsigned char q[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put(o, q, 4);
}

/* One chunk; the CRC is left zero (imagehead checks only IEND's). */
static void chunk(bytes *o, const char *type, const void *data, unsigned long n)
{
    static const unsigned char IEND_CRC[4] = {0xAE, 0x42, 0x60, 0x82};
    put32(o, n);
    put(o, type, 4);
    put(o, data, n);
    if (strcmp(type, "IEND") == 0)
        put(o, IEND_CRC, 4);
    else
        put32(o, 0);
}

static bytes png(unsigned long w, unsigned long h)
{
    static const unsigned char SIG[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    bytes o = {{0}, 0};
    put(&o, SIG, sizeof SIG);
    bytes ihdr = {{0}, 0};
    put32(&ihdr, w);
    put32(&ihdr, h);
    put(&ihdr, "\x08\x02\x00\x00\x00", 5); /* 8-bit RGB, not interlaced */
    chunk(&o, "IHDR", ihdr.b, ihdr.len);
    chunk(&o, "tEXt", "Title\0Poster", 12);
    chunk(&o, "IDAT", "\x78\x9c\x63\x00\x00", 5);
    chunk(&o, "IEND", "", 0);
    return o;
}

/* SOI, APP0 (JFIF), a quantisation table, the frame header (marker sof),
 * Huffman table, SOS, a few scan bytes with a stuffed FF, EOI. */
static bytes jpeg(unsigned sof, unsigned w, unsigned h)
{
    bytes o = {{0}, 0};
    put(&o, "\xFF\xD8", 2);
    put(&o, "\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    unsigned char dqt[69] = {0xFF, 0xDB, 0x00, 0x43, 0x00};
    put(&o, dqt, sizeof dqt);
    unsigned char frame[] = {0xFF,
                             (unsigned char)sof,
                             0x00,
                             0x11, /* length 17: 3 components */
                             0x08,
                             (unsigned char)(h >> 8),
                             (unsigned char)h,
                             (unsigned char)(w >> 8),
                             (unsigned char)w,
                             0x03,
                             1,
                             0x22,
                             0,
                             2,
                             0x11,
                             1,
                             3,
                             0x11,
                             1};
    put(&o, frame, sizeof frame);
    put(&o, "\xFF\xC4\x00\x03\x00", 5); /* a (truncated) Huffman table segment */
    put(&o, "\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
    put(&o, "\x12\x34\xFF\x00\x56", 5);
    put(&o, "\xFF\xD9", 2);
    return o;
}

static imagehead_status read_exact(const bytes *in, size_t len, imagehead_info *info,
                                   char err[IMAGEHEAD_ERR_LEN])
{
    unsigned char *copy = malloc(len ? len : 1);
    CHECK(copy != NULL);
    if (!copy)
        return IMAGEHEAD_BAD;
    memcpy(copy, in->b, len);
    imagehead_status st = imagehead_read(copy, len, info, err);
    free(copy);
    return st;
}

static imagehead_status read_all(const bytes *in, imagehead_info *info, char err[IMAGEHEAD_ERR_LEN])
{
    return read_exact(in, in->len, info, err);
}

static void png_size_is_read(void)
{
    bytes p = png(640, 360);
    imagehead_info info = {IMAGEHEAD_JPEG, 0, 0, false};
    char err[IMAGEHEAD_ERR_LEN];
    CHECK_INT(read_all(&p, &info, err), IMAGEHEAD_OK);
    CHECK_INT(info.kind, IMAGEHEAD_PNG);
    CHECK_INT(info.width, 640);
    CHECK_INT(info.height, 360);
    CHECK_STR(err, "");
}

static void jpeg_size_is_read(void)
{
    static const unsigned SOFS[] = {0xC0, 0xC2}; /* baseline, progressive */
    for (size_t i = 0; i < 2; i++) {
        bytes j = jpeg(SOFS[i], 4000, 1000);
        imagehead_info info = {IMAGEHEAD_PNG, 0, 0, false};
        char err[IMAGEHEAD_ERR_LEN];
        CHECK_INT(read_all(&j, &info, err), IMAGEHEAD_OK);
        CHECK_INT(info.kind, IMAGEHEAD_JPEG);
        CHECK_INT(info.width, 4000);
        CHECK_INT(info.height, 1000);
        CHECK(info.multi_scan); /* progressive, or its first scan has 1 of 3 components */
    }
}

/* A sequential JPEG whose first scan has every component comes in one scan:
 * a decoder needs no whole-image buffer. */
static void jpeg_scans_are_told(void)
{
    bytes j = jpeg(0xC0, 4000, 1000);
    unsigned char *sos = NULL;
    for (size_t i = 0; i + 1 < j.len && !sos; i++)
        if (j.b[i] == 0xFF && j.b[i + 1] == 0xDA)
            sos = j.b + i;
    CHECK(sos != NULL);
    if (!sos)
        return;
    sos[4] = 3; /* Ns: the frame's 3 components */
    imagehead_info info = {IMAGEHEAD_PNG, 0, 0, true};
    char err[IMAGEHEAD_ERR_LEN];
    CHECK_INT(read_all(&j, &info, err), IMAGEHEAD_OK);
    CHECK(!info.multi_scan);
    bytes p = png(640, 360);
    info.multi_scan = true;
    CHECK_INT(read_all(&p, &info, err), IMAGEHEAD_OK);
    CHECK(!info.multi_scan);
}

static void size_is_only_read(void)
{
    /* 20000x20000: a size is not a reason to refuse here (picture_load's cap). */
    bytes p = png(20000, 20000), j = jpeg(0xC0, 65535, 65535);
    imagehead_info info;
    char err[IMAGEHEAD_ERR_LEN];
    CHECK_INT(read_all(&p, &info, err), IMAGEHEAD_OK);
    CHECK_INT(info.width, 20000);
    CHECK_INT(info.height, 20000);
    CHECK_INT(read_all(&j, &info, err), IMAGEHEAD_OK);
    CHECK_INT(info.width, 65535);
    CHECK_INT(info.height, 65535);
}

static void padding_after_the_end_is_allowed(void)
{
    bytes p = png(10, 10), j = jpeg(0xC0, 10, 10);
    put(&p, "\0\0\n", 3);
    put(&j, "\0\0\0\0 \r\n", 7);
    imagehead_info info;
    char err[IMAGEHEAD_ERR_LEN];
    CHECK_INT(read_all(&p, &info, err), IMAGEHEAD_OK);
    CHECK_INT(read_all(&j, &info, err), IMAGEHEAD_OK);
    put(&p, "x", 1);
    CHECK_INT(read_all(&p, &info, err), IMAGEHEAD_BAD);
    CHECK_STR(err, "malformed PNG: data after the end chunk");
    put(&j, "x", 1);
    CHECK_INT(read_all(&j, &info, err), IMAGEHEAD_INCOMPLETE);
}

/* Every prefix of a whole file is refused, never read past its end. */
static void every_cut_is_incomplete(void)
{
    bytes files[] = {png(300, 200), jpeg(0xC0, 300, 200), jpeg(0xC2, 300, 200)};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        for (size_t n = 1; n < files[f].len; n++) {
            imagehead_info info = {IMAGEHEAD_PNG, -1, -1, false};
            char err[IMAGEHEAD_ERR_LEN];
            imagehead_status st = read_exact(&files[f], n, &info, err);
            CHECK_INT(st, IMAGEHEAD_INCOMPLETE);
            CHECK(strncmp(err, "cut short: ", 11) == 0);
            CHECK_INT(info.width, -1); /* untouched */
        }
    }
    bytes p = png(300, 200), j = jpeg(0xC0, 300, 200);
    imagehead_info info;
    char err[IMAGEHEAD_ERR_LEN];
    CHECK_INT(read_exact(&p, p.len - 14, &info, err), IMAGEHEAD_INCOMPLETE);
    CHECK_STR(err, "cut short: a PNG chunk runs past the end");
    CHECK_INT(read_exact(&p, p.len - 12, &info, err), IMAGEHEAD_INCOMPLETE);
    CHECK_STR(err, "cut short: no PNG end chunk");
    CHECK_INT(read_exact(&j, j.len - 2, &info, err), IMAGEHEAD_INCOMPLETE);
    CHECK_STR(err, "cut short: no JPEG end marker");
}

static void not_images(void)
{
    static const struct {
        const char *bytes;
        size_t len; /* 0: strlen */
        const char *reason;
    } cases[] = {
        {"", 0, "empty file, not a PNG or JPEG image"},
        {"Bonjour, ceci est un fichier texte.\n", 0, "text, not a PNG or JPEG image"},
        {"GIF89a\x01\x00\x01\x00", 10, "a GIF image, not a PNG or JPEG one"},
        {"\x01\x02\x03\xFE", 0, "not a PNG or JPEG image"},
        {"\xFF\xD8\x00", 3, "not a PNG or JPEG image"}, /* SOI, then no marker */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bytes in = {{0}, 0};
        put(&in, cases[i].bytes, cases[i].len ? cases[i].len : strlen(cases[i].bytes));
        imagehead_info info;
        char err[IMAGEHEAD_ERR_LEN];
        CHECK_INT(read_all(&in, &info, err), IMAGEHEAD_NOT_IMAGE);
        CHECK_STR(err, cases[i].reason);
    }
}

static void set32(bytes *o, size_t at, unsigned long v)
{
    o->b[at] = (unsigned char)(v >> 24);
    o->b[at + 1] = (unsigned char)(v >> 16);
    o->b[at + 2] = (unsigned char)(v >> 8);
    o->b[at + 3] = (unsigned char)v;
}

static void malformed_png(void)
{
    imagehead_info info;
    char err[IMAGEHEAD_ERR_LEN];
    bytes zero = png(0, 10), huge = png(0x80000000ul, 1);
    CHECK_INT(read_all(&zero, &info, err), IMAGEHEAD_BAD);
    CHECK_INT(read_all(&huge, &info, err), IMAGEHEAD_BAD);

    bytes first = png(10, 10); /* IHDR renamed: not the first chunk any more */
    memcpy(first.b + 12, "tEXt", 4);
    CHECK_INT(read_all(&first, &info, err), IMAGEHEAD_BAD);
    CHECK_STR(err, "malformed PNG: the first chunk is not IHDR");

    bytes depth = png(10, 10);
    depth.b[24] = 7;
    CHECK_INT(read_all(&depth, &info, err), IMAGEHEAD_BAD);

    /* The tEXt chunk after IHDR (at 33) claims lengths that overflow a
     * 32-bit size_t when added to its offset, or that run past the end. */
    static const unsigned long LENGTHS[] = {0xFFFFFFFFul, 0x80000000ul};
    for (size_t i = 0; i < 2; i++) {
        bytes p = png(10, 10);
        set32(&p, 33, LENGTHS[i]);
        CHECK_INT(read_all(&p, &info, err), IMAGEHEAD_BAD);
        CHECK_STR(err, "malformed PNG: chunk length above 2^31");
    }
    bytes past = png(10, 10);
    set32(&past, 33, 0x7FFFFFFFul);
    CHECK_INT(read_all(&past, &info, err), IMAGEHEAD_INCOMPLETE);
    CHECK_STR(err, "cut short: a PNG chunk runs past the end");

    bytes nodata = png(10, 10);
    memcpy(nodata.b + 33 + 12 + 12 + 4, "IDAX", 4);
    CHECK_INT(read_all(&nodata, &info, err), IMAGEHEAD_BAD);
    CHECK_STR(err, "malformed PNG: no image data");
}

static void malformed_jpeg(void)
{
    imagehead_info info;
    char err[IMAGEHEAD_ERR_LEN];
    size_t sof = 2 + 18 + 69; /* where the frame header starts */
    bytes zero = jpeg(0xC0, 0, 10);
    CHECK_INT(read_all(&zero, &info, err), IMAGEHEAD_BAD);
    CHECK_STR(err, "malformed JPEG: width or height 0");

    bytes len = jpeg(0xC0, 10, 10);
    len.b[sof + 3] = 0x10; /* 16 bytes do not hold 3 components */
    CHECK_INT(read_all(&len, &info, err), IMAGEHEAD_BAD);

    bytes seg = jpeg(0xC0, 10, 10);
    seg.b[2 + 2] = 0xFF; /* APP0 of 65535 bytes: past the end */
    seg.b[2 + 3] = 0xFF;
    CHECK_INT(read_all(&seg, &info, err), IMAGEHEAD_INCOMPLETE);
    seg.b[2 + 2] = 0;
    seg.b[2 + 3] = 1;
    CHECK_INT(read_all(&seg, &info, err), IMAGEHEAD_BAD);
    CHECK_STR(err, "malformed JPEG: segment length below 2");

    bytes nosof = jpeg(0xC4, 10, 10); /* C4 is a Huffman table, not a frame */
    CHECK_INT(read_all(&nosof, &info, err), IMAGEHEAD_BAD);
    CHECK_STR(err, "malformed JPEG: no frame header before the image");

    bytes junk = jpeg(0xC0, 10, 10);
    junk.b[2 + 18] = 0x12; /* not a marker where the tables should start */
    CHECK_INT(read_all(&junk, &info, err), IMAGEHEAD_BAD);
    CHECK_STR(err, "malformed JPEG: expected a marker");
}

int main(void)
{
    RUN(png_size_is_read);
    RUN(jpeg_size_is_read);
    RUN(jpeg_scans_are_told);
    RUN(size_is_only_read);
    RUN(padding_after_the_end_is_allowed);
    RUN(every_cut_is_incomplete);
    RUN(not_images);
    RUN(malformed_png);
    RUN(malformed_jpeg);
    return test_report();
}
