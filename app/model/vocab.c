/* vocab: the feeds' closed vocabularies and case- and accent-blind lookup. */
#include "vitrine/vocab.h"

#include <string.h>

#include "vitrine/text.h"

/* beta.gouv.fr's own lists (its startup and member models), as its API
 * spells them. */
static const char *const PHASES[] = {"investigation",         "construction", "acceleration",
                                     "consolidation",         "opere",        "abandon",
                                     "abandon-investigation", "transfere"};
static const char *const STATUSES[] = {"independent", "admin", "service"};
static const char *const DOMAINES[] = {"Animation",     "Coaching",       "Déploiement", "Design",
                                       "Développement", "Intraprenariat", "Produit",     "Autre",
                                       "Data",          "Support",        "Attributaire"};

const char *const *vocab_words(vocab_field field, size_t *n)
{
    switch (field) {
    case VOCAB_PHASE: *n = sizeof PHASES / sizeof *PHASES; return PHASES;
    case VOCAB_STATUS: *n = sizeof STATUSES / sizeof *STATUSES; return STATUSES;
    case VOCAB_DOMAINE: *n = sizeof DOMAINES / sizeof *DOMAINES; return DOMAINES;
    default: *n = 0; return NULL;
    }
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
    char folded[VOCAB_WORD_MAX], known[VOCAB_WORD_MAX];
    text_fold(word, folded, sizeof folded);
    for (size_t i = 0; i < n; i++) {
        text_fold(words[i], known, sizeof known);
        if (strcmp(folded, known) == 0) {
            *match = VOCAB_RESPELLED;
            return words[i];
        }
    }
    return NULL;
}
