/* fmt: French formatting of what the screens show. Plain C, no SDL.
 * Numbers group thousands with U+202F (narrow no-break space): "1 360";
 * percentages put U+00A0 (no-break space) before "%": "72,6 %"; dates are
 * written out: "20 août 2026", "1ᵉʳ mars 2024". Every function writes a
 * NUL-terminated string into out (truncated on a UTF-8 boundary when outsz
 * is too small) and returns its length. */
#ifndef VITRINE_FMT_H
#define VITRINE_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "vitrine/date.h"

#define FMT_LEN 64 /* enough for any number, percentage or date */

#define FMT_NNBSP "\xE2\x80\xAF" /* U+202F, thousands separator */
#define FMT_NBSP "\xC2\xA0"      /* U+00A0, before % and € */

/* 64-bit on every target: a count or an amount past 2^31 is exact on
 * 32-bit ARM (armhf) too, where long has 32 bits. */
size_t fmt_int(int64_t v, char *out, size_t outsz);
/* ratio 0.7256 -> "72,6 %" with `decimals` digits (0 or 1); a trailing ",0"
 * is dropped ("80 %"). */
size_t fmt_percent(double ratio, int decimals, char *out, size_t outsz);
/* 90000 -> "90 000 €"; exact up to the largest int64_t. */
size_t fmt_euros(int64_t v, char *out, size_t outsz);
/* "20 août 2026"; "date inconnue" for DATE_NONE. */
size_t fmt_date(vt_date d, char *out, size_t outsz);
/* "août 2026". */
/* "20 août", "1ᵉʳ mars": a date within its year (the current year's
 * partial bar: "2026, au 20 août"). */
size_t fmt_day_month(vt_date d, char *out, size_t outsz);
size_t fmt_month_year(vt_date d, char *out, size_t outsz);
/* The local calendar day of a unix time (file mtime, fetch time). */
vt_date fmt_unix_day(int64_t t);

#endif
