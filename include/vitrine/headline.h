/* headline: the figures the screens headline, feed by feed, for the
 * plausibility guard on new bodies (README "Cache"): a body whose figures
 * would collapse against the last good copy's is held, not shown.
 *
 * - startups: products.total, products.active, products.phase.<phase> (each
 *   phase of the vocabulary, vocab.h), products.incubators (incubators with
 *   at least one product);
 * - authors: community.active, coaching.active_coaches;
 * - defis: eig.projects, eig.fellows;
 * - the other feeds have none (their records and fields are checked).
 * Each figure is the one of metrics.md for that feed's records alone, at a
 * date. A set is plain data (copied by value, kept in the cache's metadata
 * line beside the copy it describes). Pure: no I/O. */
#ifndef VITRINE_HEADLINE_H
#define VITRINE_HEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "vitrine/date.h"
#include "vitrine/model.h"

#define HEADLINE_MAX 12     /* figures of one feed */
#define HEADLINE_KEY_LEN 48 /* "products.phase.abandon-investigation" and room */
/* A part (a phase's count) smaller than this in the last good copy is not
 * checked: one product changing phase would halve it. Totals always are. */
#define HEADLINE_PART_FLOOR 10

typedef struct {
    char key[HEADLINE_KEY_LEN];
    long value;
} headline_figure;

typedef struct {
    size_t n; /* 0: none known (a feed without, or a copy cached before they were kept) */
    headline_figure items[HEADLINE_MAX];
} headline_set;

/* What would collapse: key from -> to. */
typedef struct {
    const char *key; /* borrowed from the good set */
    long from, to;
} headline_drop;

/* The figures feed's records in m give at d (m may hold other feeds too).
 * False only on allocation failure. */
bool headline_compute(const model *m, feed_id feed, vt_date d, headline_set *out);
/* The value of key in s; false when s does not have it. */
bool headline_get(const headline_set *s, const char *key, long *value);
/* Adds key = value to s; false when s is full or key too long. */
bool headline_put(headline_set *s, const char *key, long value);
/* True when next would collapse one of good's figures: turn a non-zero
 * figure into zero, or fall below min_percent % of it (a figure next does
 * not have is 0; min_percent 0: only the first rule). *drop is the first
 * one. */
bool headline_collapse(const headline_set *good, const headline_set *next, long min_percent,
                       headline_drop *drop);

#endif
