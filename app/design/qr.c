/* qr: implements qr.h over libqrencode. The symbol's bytes are copied into
 * one bit a byte array so the caller never sees libqrencode's flags. */
#include "vitrine/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qr {
    int width;
    unsigned char dark[]; /* width * width, 1 = dark */
};

qr *qr_new(const char *text, char err[QR_ERR_LEN])
{
    size_t len = text ? strlen(text) : 0;
    if (len == 0 || len > QR_MAX_TEXT) {
        snprintf(err, QR_ERR_LEN, "QR code: text of %zu bytes (1 to %d)", len, QR_MAX_TEXT);
        return NULL;
    }
    /* 8-bit data: a url keeps its case and its bytes whatever they are. */
    QRcode *code = QRcode_encodeData((int)len, (const unsigned char *)text, 0, QR_ECLEVEL_M);
    if (!code) {
        snprintf(err, QR_ERR_LEN, "QR code: libqrencode failed (%s)", strerror(errno));
        return NULL;
    }
    size_t n = (size_t)code->width * (size_t)code->width;
    qr *q = malloc(sizeof *q + n);
    if (!q) {
        QRcode_free(code);
        snprintf(err, QR_ERR_LEN, "QR code: out of memory");
        return NULL;
    }
    q->width = code->width;
    for (size_t i = 0; i < n; i++)
        q->dark[i] = code->data[i] & 1; /* bit 0: dark module; the others are flags */
    QRcode_free(code);
    return q;
}

void qr_free(qr *q)
{
    free(q);
}

int qr_modules(const qr *q)
{
    return q->width;
}

int qr_side_modules(const qr *q)
{
    return q->width + 2 * QR_QUIET_MODULES;
}

bool qr_dark(const qr *q, int x, int y)
{
    if (x < 0 || y < 0 || x >= q->width || y >= q->width)
        return false;
    return q->dark[(size_t)y * (size_t)q->width + (size_t)x] != 0;
}

int qr_module_px(const qr *q, float side_px)
{
    if (side_px <= 0)
        return 0;
    return (int)(side_px / (float)qr_side_modules(q));
}
