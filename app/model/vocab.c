/* vocab: the feeds' closed vocabularies and case- and accent-blind lookup. */
#include "vitrine/vocab.h"

#include <string.h>

#include "vitrine/text.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* beta.gouv.fr's own lists (its startup and member models), as its API
 * spells them, each with the same words folded (text_fold), in the same
 * order: what a respelled value is compared with (test_parse checks that
 * they match). The phases and statuses are folded already. */
static const char *const PHASES[] = {"investigation",         "construction", "acceleration",
                                     "consolidation",         "opere",        "abandon",
                                     "abandon-investigation", "transfere"};
static const char *const STATUSES[] = {"independent", "admin", "service"};
static const char *const DOMAINES[] = {"Animation",     "Coaching",       "Déploiement", "Design",
                                       "Développement", "Intraprenariat", "Produit",     "Autre",
                                       "Data",          "Support",        "Attributaire"};
static const char *const DOMAINES_FOLDED[] = {
    "animation", "coaching", "deploiement", "design",  "developpement", "intraprenariat",
    "produit",   "autre",    "data",        "support", "attributaire"};

_Static_assert(COUNT(DOMAINES) == COUNT(DOMAINES_FOLDED), "one folded word per domaine");

const char *const *vocab_words(vocab_field field, size_t *n)
{
    switch (field) {
    case VOCAB_PHASE: *n = COUNT(PHASES); return PHASES;
    case VOCAB_STATUS: *n = COUNT(STATUSES); return STATUSES;
    case VOCAB_DOMAINE: *n = COUNT(DOMAINES); return DOMAINES;
    default: *n = 0; return NULL;
    }
}

const char *vocab_folded(vocab_field field, size_t i)
{
    size_t n;
    const char *const *words = vocab_words(field, &n);
    if (i >= n)
        return NULL;
    return field == VOCAB_DOMAINE ? DOMAINES_FOLDED[i] : words[i];
}

const char *vocab_lookup(vocab_field field, const char *word, vocab_match *match)
{
    size_t n;
    const char *const *words = vocab_words(field, &n);
    *match = VOCAB_UNKNOWN;
    if (!word || strlen(word) >= VOCAB_WORD_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(word, words[i]) == 0) {
            *match = VOCAB_CANONICAL;
            return words[i];
        }
    char folded[VOCAB_WORD_MAX];
    text_fold(word, folded, sizeof folded);
    for (size_t i = 0; i < n; i++)
        if (strcmp(folded, vocab_folded(field, i)) == 0) {
            *match = VOCAB_RESPELLED;
            return words[i];
        }
    return NULL;
}
