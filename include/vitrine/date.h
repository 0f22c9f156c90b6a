/* date: calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian). Plain integers make "<=", "+ 365" and sorting trivial. */
#ifndef VITRINE_DATE_H
#define VITRINE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t vt_date;
#define DATE_NONE INT32_MIN
#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" + NUL */

/* Parses "YYYY-MM-DD" or a longer ISO string (its first 10 characters).
 * Impossible dates (2023-02-30), other shapes, NULL: DATE_NONE. */
vt_date date_parse(const char *s);
vt_date date_from_ymd(int year, int month, int day); /* DATE_NONE if invalid */
void date_to_ymd(vt_date d, int *year, int *month, int *day);
int date_year(vt_date d);
/* Writes "YYYY-MM-DD" into out (at least DATE_ISO_LEN bytes). */
void date_format_iso(vt_date d, char out[DATE_ISO_LEN]);
/* The date in the local time zone at unix_s (seconds since the epoch). */
vt_date date_local(int64_t unix_s);
/* Today's date in the local time zone (date_local of the system clock). */
vt_date date_today(void);

#endif
