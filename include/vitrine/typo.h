/* typo: French typography for a text shown on screen, a pure function of
 * the text, applied where slide texts are built (the canvas: every text
 * drawn or read, the program's own and the feeds'):
 *   - the typographic apostrophe ’ for ' (l'API -> l’API);
 *   - « and » with a no-break space (U+00A0) inside, in place of a space
 *     or added: «x» -> « x »;
 *   - a narrow no-break space (U+202F) before ; : ! ? in place of a space
 *     or added (C'est: oui! -> C’est : oui !), not between digits (10:30)
 *     nor inside a run of them (?!);
 *   - digits grouped by a space (10 000) grouped by U+202F;
 *   - ordinals: 1er 1re 2e 2ème 2eme 2nd -> 1ᵉʳ 1ʳᵉ 2ᵉ 2ᵉ 2ᵉ 2ᵈ;
 *   - a month name in capitals before or after a number in running text
 *     (Septembre 2024, 1er Mars) in lower case, unless it begins a sentence.
 * A word holding "://", "@" or starting "www." (a URL, an e-mail address)
 * is copied as it is. Idempotent: typo_fr of its own output changes
 * nothing. Valid UTF-8 in, valid UTF-8 out. */
#ifndef VITRINE_TYPO_H
#define VITRINE_TYPO_H

#include <stdbool.h>
#include <stddef.h>

/* Each input byte gives at most this many output bytes. */
#define TYPO_GROWTH 4

/* Writes s, typeset, into out (outsz bytes, NUL included). Returns the
 * length of the whole result: when it is >= outsz, out holds a cut copy
 * (on a character boundary) and a buffer of TYPO_GROWTH * strlen(s) + 1
 * always suffices. */
size_t typo_fr(const char *s, char *out, size_t outsz);
/* typo_fr into a malloc'ed string (caller frees); NULL when out of memory
 * or s is NULL. */
char *typo_fr_dup(const char *s);

#endif
