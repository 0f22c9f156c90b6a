/* qr: a QR code for a string, as a square bitmap of modules, encoded by
 * libqrencode (error correction level M, the smallest version that holds
 * the text, 8-bit mode so any UTF-8 url is kept as is). No SDL: the slides
 * draw the bitmap; tests read it.
 *
 * A code needs a quiet zone of QR_QUIET_MODULES light modules on every side
 * to be read (ISO/IEC 18004); qr_side_modules counts it, and a box drawn
 * from qr_module_px is sized for it. */
#ifndef VITRINE_QR_H
#define VITRINE_QR_H

#include <stdbool.h>
#include <stddef.h>

#define QR_QUIET_MODULES 4
#define QR_MAX_TEXT 512 /* longer strings are refused (a screen code stays readable) */
#define QR_ERR_LEN 160

typedef struct qr qr;

/* A new code for text (caller frees with qr_free); NULL with the reason in
 * err when text is empty, longer than QR_MAX_TEXT, or libqrencode fails. */
qr *qr_new(const char *text, char err[QR_ERR_LEN]);
void qr_free(qr *q); /* accepts NULL */
/* Modules per side, without the quiet zone (21 for version 1, +4 a version). */
int qr_modules(const qr *q);
/* Modules per side, quiet zone included. */
int qr_side_modules(const qr *q);
/* Whether module (x, y) is dark, 0 <= x, y < qr_modules; false outside. */
bool qr_dark(const qr *q, int x, int y);
/* Whole pixels per module for a code in a square box of side px, quiet
 * zone included (integer modules keep the edges sharp for a camera);
 * 0 when the box is too small for one pixel a module. */
int qr_module_px(const qr *q, float side_px);

#endif
