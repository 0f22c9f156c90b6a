/* vocab: the closed vocabularies of the feeds' fields the figures are built
 * on (shared/docs/metrics.md; README "Cache" lists them): product phases,
 * mission statuses, member domains. A value is read whatever its case and
 * accents ("Construction", "CONSTRUCTION", "opéré" are construction and
 * opere), and given its canonical spelling; a word outside the vocabulary
 * is unknown, and the record is unreadable for that field (the feed's
 * validation counts it, parse.h). How a value was spelled is kept, so that
 * a feed whose every value changed its spelling (a change of form) can be
 * told from one with a few words typed by hand. */
#ifndef VITRINE_VOCAB_H
#define VITRINE_VOCAB_H

#include <stddef.h>

typedef enum {
    VOCAB_PHASE,   /* startups: phases[].name */
    VOCAB_STATUS,  /* authors: missions[].status */
    VOCAB_DOMAINE, /* authors: domaine (HTML entities decoded) */
    VOCAB_COUNT
} vocab_field;

typedef enum {
    VOCAB_CANONICAL = 0, /* spelled exactly as the vocabulary does */
    VOCAB_RESPELLED,     /* a known word in another case or without its accents */
    VOCAB_UNKNOWN        /* blank, or not a word of the vocabulary */
} vocab_match;

#define VOCAB_WORD_MAX 64 /* longer values are never words of a vocabulary */

/* The canonical spelling of word in field's vocabulary (a static string)
 * and how word matched it; NULL and VOCAB_UNKNOWN when it is none. */
const char *vocab_lookup(vocab_field field, const char *word, vocab_match *match);
/* The field's words in their canonical spelling, in the vocabulary's order
 * (phases: the active ones first, in lifecycle order); *n of them. */
const char *const *vocab_words(vocab_field field, size_t *n);
/* Word i of the field folded (text_fold), as lookups compare it; NULL past
 * the end. */
const char *vocab_folded(vocab_field field, size_t i);

#endif
