/* imagehead: PNG and JPEG headers and structure, walked with every offset
 * checked against the length before it is read (imagehead.h). */
#include "vitrine/imagehead.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const unsigned char PNG_SIGNATURE[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
/* IEND has no data: its CRC is always this one. */
static const unsigned char PNG_IEND_CRC[4] = {0xAE, 0x42, 0x60, 0x82};
#define PNG_CHUNK_MAX 0x7FFFFFFFul /* lengths and sizes are at most 2^31 - 1 */
#define PNG_IHDR_LEN 13
#define PNG_CHUNK_OVERHEAD 12 /* length, type, CRC */

static imagehead_status fail(imagehead_status st, char err[IMAGEHEAD_ERR_LEN], const char *msg)
{
    snprintf(err, IMAGEHEAD_ERR_LEN, "%s", msg);
    return st;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* What may follow the end of an image: nothing, or padding. */
static bool only_padding(const unsigned char *b, size_t from, size_t len)
{
    for (size_t i = from; i < len; i++)
        if (b[i] != 0 && b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n')
            return false;
    return true;
}

/* Bit depths PNG allows for each colour type (PNG spec, table 11.1). */
static bool png_depth_valid(unsigned colour, unsigned depth)
{
    switch (colour) {
    case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6: return depth == 8 || depth == 16;
    default: return false;
    }
}

static imagehead_status png_ihdr(const unsigned char *b, size_t len, imagehead_info *info,
                                 char err[IMAGEHEAD_ERR_LEN])
{
    size_t end = sizeof PNG_SIGNATURE + PNG_CHUNK_OVERHEAD + PNG_IHDR_LEN;
    if (len < end)
        return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: in the PNG header");
    const unsigned char *c = b + sizeof PNG_SIGNATURE;
    if (be32(c) != PNG_IHDR_LEN || memcmp(c + 4, "IHDR", 4) != 0)
        return fail(IMAGEHEAD_BAD, err, "malformed PNG: the first chunk is not IHDR");
    uint32_t w = be32(c + 8), h = be32(c + 12);
    if (w == 0 || h == 0 || w > PNG_CHUNK_MAX || h > PNG_CHUNK_MAX)
        return fail(IMAGEHEAD_BAD, err, "malformed PNG: width or height 0 or above 2^31");
    const unsigned char *d = c + 16; /* depth, colour type, compression, filter, interlace */
    if (!png_depth_valid(d[1], d[0]) || d[2] != 0 || d[3] != 0 || d[4] > 1)
        return fail(IMAGEHEAD_BAD, err, "malformed PNG: unknown pixel format in IHDR");
    info->kind = IMAGEHEAD_PNG;
    info->width = (long)w;
    info->height = (long)h;
    info->multi_scan = false;
    return IMAGEHEAD_OK;
}

/* Walks the chunks after IHDR by their lengths up to IEND. */
static imagehead_status png_walk(const unsigned char *b, size_t len, char err[IMAGEHEAD_ERR_LEN])
{
    size_t pos = sizeof PNG_SIGNATURE + PNG_CHUNK_OVERHEAD + PNG_IHDR_LEN;
    bool data = false;
    for (;;) {
        if (len - pos < PNG_CHUNK_OVERHEAD)
            return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: no PNG end chunk");
        uint32_t n = be32(b + pos);
        if (n > PNG_CHUNK_MAX)
            return fail(IMAGEHEAD_BAD, err, "malformed PNG: chunk length above 2^31");
        /* Compared with what is left, never added to pos first: no overflow. */
        if (n > len - pos - PNG_CHUNK_OVERHEAD)
            return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: a PNG chunk runs past the end");
        const unsigned char *type = b + pos + 4;
        if (memcmp(type, "IDAT", 4) == 0)
            data = true;
        if (memcmp(type, "IEND", 4) == 0) {
            if (n != 0 || memcmp(type + 4, PNG_IEND_CRC, 4) != 0)
                return fail(IMAGEHEAD_BAD, err, "malformed PNG: bad end chunk");
            if (!data)
                return fail(IMAGEHEAD_BAD, err, "malformed PNG: no image data");
            if (!only_padding(b, pos + PNG_CHUNK_OVERHEAD, len))
                return fail(IMAGEHEAD_BAD, err, "malformed PNG: data after the end chunk");
            return IMAGEHEAD_OK;
        }
        pos += PNG_CHUNK_OVERHEAD + n;
    }
}

static imagehead_status png_read(const unsigned char *b, size_t len, imagehead_info *out,
                                 char err[IMAGEHEAD_ERR_LEN])
{
    imagehead_info info;
    imagehead_status st = png_ihdr(b, len, &info, err);
    if (st == IMAGEHEAD_OK)
        st = png_walk(b, len, err);
    if (st == IMAGEHEAD_OK)
        *out = info;
    return st;
}

/* A frame header: C0..CF but C4 (Huffman tables), C8 (reserved), CC
 * (arithmetic conditioning). */
static bool jpeg_is_sof(unsigned m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Markers that stand alone, without a length: TEM, RST0..7. */
static bool jpeg_standalone(unsigned m)
{
    return m == 0x01 || (m >= 0xD0 && m <= 0xD7);
}

static imagehead_status jpeg_sof(const unsigned char *seg, unsigned seglen, imagehead_info *info,
                                 char err[IMAGEHEAD_ERR_LEN])
{
    /* length (2), precision, height (2), width (2), components, 3 per component */
    if (seglen < 8 || seglen != 8u + 3u * seg[7])
        return fail(IMAGEHEAD_BAD, err, "malformed JPEG: bad frame header length");
    unsigned h = be16(seg + 3), w = be16(seg + 5);
    if (w == 0 || h == 0)
        return fail(IMAGEHEAD_BAD, err, "malformed JPEG: width or height 0");
    if (seg[7] == 0)
        return fail(IMAGEHEAD_BAD, err, "malformed JPEG: no colour component");
    info->kind = IMAGEHEAD_JPEG;
    info->width = (long)w;
    info->height = (long)h;
    info->multi_scan = false;
    return IMAGEHEAD_OK;
}

/* Progressive frames: C2, C6, CA, CE. */
static bool jpeg_is_progressive(unsigned m)
{
    return m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE;
}

/* Whether the first scan after the frame header (from pos) carries fewer
 * components than the frame's: then the image comes in several scans. A
 * walk that does not reach a scan header says no: the decoder refuses such
 * a file anyway. */
static bool jpeg_first_scan_partial(const unsigned char *b, size_t len, size_t pos,
                                    unsigned frame_components)
{
    while (pos + 4 <= len && b[pos] == 0xFF) {
        while (pos < len && b[pos] == 0xFF)
            pos++;
        if (pos >= len)
            return false;
        unsigned m = b[pos++];
        if (jpeg_standalone(m))
            continue;
        if (len - pos < 3)
            return false;
        if (m == 0xDA)
            return b[pos + 2] < frame_components;
        pos += be16(b + pos);
    }
    return false;
}

/* From SOI to the first frame header; *end is where its segment ends. */
static imagehead_status jpeg_header(const unsigned char *b, size_t len, imagehead_info *info,
                                    size_t *end, char err[IMAGEHEAD_ERR_LEN])
{
    size_t pos = 2;
    for (;;) {
        if (pos >= len)
            return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: before the JPEG frame header");
        if (b[pos] != 0xFF)
            return fail(IMAGEHEAD_BAD, err, "malformed JPEG: expected a marker");
        while (pos < len && b[pos] == 0xFF) /* fill bytes may precede a marker */
            pos++;
        if (pos >= len)
            return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: before the JPEG frame header");
        unsigned m = b[pos++];
        if (jpeg_standalone(m))
            continue;
        if (m == 0x00 || m == 0xD8 || m == 0xD9 || m == 0xDA)
            return fail(IMAGEHEAD_BAD, err, "malformed JPEG: no frame header before the image");
        if (len - pos < 2)
            return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: in a JPEG segment");
        unsigned seglen = be16(b + pos);
        if (seglen < 2)
            return fail(IMAGEHEAD_BAD, err, "malformed JPEG: segment length below 2");
        if (seglen > len - pos)
            return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: a JPEG segment runs past the end");
        if (jpeg_is_sof(m)) {
            *end = pos + seglen;
            imagehead_status st = jpeg_sof(b + pos, seglen, info, err);
            if (st == IMAGEHEAD_OK)
                info->multi_scan =
                    jpeg_is_progressive(m) || jpeg_first_scan_partial(b, len, *end, b[pos + 7]);
            return st;
        }
        pos += seglen;
    }
}

static imagehead_status jpeg_read(const unsigned char *b, size_t len, imagehead_info *out,
                                  char err[IMAGEHEAD_ERR_LEN])
{
    imagehead_info info;
    size_t header_end = 0;
    imagehead_status st = jpeg_header(b, len, &info, &header_end, err);
    if (st != IMAGEHEAD_OK)
        return st;
    size_t end = len;
    while (end > header_end && only_padding(b, end - 1, end))
        end--;
    /* The scan data cannot be walked without decoding it; the end marker
     * after the frame header is what says the file is whole. */
    if (end < header_end + 2 || b[end - 2] != 0xFF || b[end - 1] != 0xD9)
        return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: no JPEG end marker");
    *out = info;
    return IMAGEHEAD_OK;
}

/* True when b[0..len) starts like prefix[0..n) but stops before its end. */
static bool cut_prefix(const unsigned char *b, size_t len, const unsigned char *prefix, size_t n)
{
    return len < n && memcmp(b, prefix, len) == 0;
}

/* What the bytes look like, when it is easy to say (len > 0). */
static const char *not_image_reason(const unsigned char *b, size_t len)
{
    static const struct {
        const char *magic, *what;
    } kinds[] = {
        {"GIF8", "a GIF image, not a PNG or JPEG one"},
        {"BM", "a BMP image, not a PNG or JPEG one"},
        {"%PDF", "a PDF document, not a PNG or JPEG image"},
        {"<svg", "an SVG image, not a PNG or JPEG one"},
        {"<?xml", "an XML document, not a PNG or JPEG image"},
    };
    if (len >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return "a WebP image, not a PNG or JPEG one";
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t n = strlen(kinds[i].magic);
        if (len >= n && memcmp(b, kinds[i].magic, n) == 0)
            return kinds[i].what;
    }
    size_t probe = 0, text = 0; /* the first 64 bytes are enough to tell */
    for (; probe < len && probe < 64; probe++)
        text += b[probe] >= 0x20 || b[probe] == '\t' || b[probe] == '\n' || b[probe] == '\r';
    return text == probe ? "text, not a PNG or JPEG image" : "not a PNG or JPEG image";
}

imagehead_status imagehead_read(const unsigned char *bytes, size_t len, imagehead_info *out,
                                char err[IMAGEHEAD_ERR_LEN])
{
    static const unsigned char JPEG_SOI[3] = {0xFF, 0xD8, 0xFF};
    err[0] = '\0';
    if (len >= sizeof PNG_SIGNATURE && memcmp(bytes, PNG_SIGNATURE, sizeof PNG_SIGNATURE) == 0)
        return png_read(bytes, len, out, err);
    if (len >= sizeof JPEG_SOI && memcmp(bytes, JPEG_SOI, sizeof JPEG_SOI) == 0)
        return jpeg_read(bytes, len, out, err);
    if (len > 0 && (cut_prefix(bytes, len, PNG_SIGNATURE, sizeof PNG_SIGNATURE) ||
                    cut_prefix(bytes, len, JPEG_SOI, sizeof JPEG_SOI)))
        return fail(IMAGEHEAD_INCOMPLETE, err, "cut short: in the image signature");
    return fail(IMAGEHEAD_NOT_IMAGE, err,
                len == 0 ? "empty file, not a PNG or JPEG image" : not_image_reason(bytes, len));
}
