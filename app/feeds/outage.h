/* outage: what the journal says of a feed's run of failures. The journal
 * is persistent storage too (the SD card of a Pi): with no network a feed
 * fails at every retry, so a run of failures is said in a few lines, not
 * one per attempt: when it starts, when its cause changes, a summary at
 * most every summary_s (OUTAGE_SUMMARY_S: hourly), and when it ends, with
 * its duration. Two causes are the same when they differ only in their
 * numbers ("after 10001 ms", a port), except an HTTP status. Pure: the
 * caller logs. */
#ifndef VITRINE_OUTAGE_H
#define VITRINE_OUTAGE_H

#include <stddef.h>
#include <stdint.h>

#include "vitrine/feedstate.h"

#define OUTAGE_SUMMARY_S 3600 /* at most one summary line an hour per feed */
/* Developer setting (tests): the summary interval in seconds, 1..86400. */
#define OUTAGE_SUMMARY_ENV "VITRINE_OUTAGE_SUMMARY_S"
#define OUTAGE_LINE_LEN 400

typedef struct {
    int64_t since;                    /* wall clock of the first failure; 0: no outage */
    int64_t said_at;                  /* wall clock of its last line */
    unsigned attempts;                /* failed attempts so far */
    char cause[FEEDSTATE_REASON_LEN]; /* the cause the journal last named */
    int64_t summary_s;                /* the summary interval */
} outage;

typedef enum {
    OUTAGE_QUIET = 0, /* nothing new: a debug line at most */
    OUTAGE_STARTS,    /* the first failure */
    OUTAGE_NEW_CAUSE, /* the cause changed */
    OUTAGE_SUMMARY    /* summary_s passed since the last line */
} outage_news;

/* No outage; summary_s <= 0 means OUTAGE_SUMMARY_S. */
void outage_init(outage *o, int64_t summary_s);
/* One failed attempt at now_s (wall clock) for why: what to say. */
outage_news outage_failed(outage *o, const char *why, int64_t now_s);
/* When the outage started, "14:02" (local time; "2026-12-07 14:02" when
 * a day or more before now_s), into out. */
void outage_since(const outage *o, int64_t now_s, char *out, size_t outsz);
/* The outage ends at now_s: its duration ("2 h 05 min", "40 s") into out
 * and false when there was none; o is reset. */
bool outage_ended(outage *o, int64_t now_s, char *out, size_t outsz);
/* The summary interval a developer asked for in OUTAGE_SUMMARY_ENV, else
 * OUTAGE_SUMMARY_S. */
int64_t outage_summary_from_env(void);

#endif
