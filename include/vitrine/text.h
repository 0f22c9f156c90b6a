/* text: small UTF-8 string helpers shared by parsers, statistics and the
 * screens. Feed strings (jsonx_copy) and every text drawn (fonts) go through
 * text_clean (valid UTF-8, U+FFFD for what is not), and every text cut short
 * ends with TEXT_ELLIPSIS (text_clean, text_format). */
#ifndef VITRINE_TEXT_H
#define VITRINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_ELLIPSIS "\xE2\x80\xA6" /* U+2026: the end of every text cut short */
#define TEXT_ELLIPSIS_LEN 3
#define TEXT_REPLACEMENT 0xFFFDu /* stands for bytes that are not UTF-8 */
#define TEXT_UTF8_MAX 4          /* bytes of the longest character */

/* True when s is NULL or holds only blanks (space, tab, CR, LF, NBSP). */
bool text_is_blank(const char *s);
/* Writes s without surrounding blanks into out (size outsz, always
 * NUL-terminated, truncated on a UTF-8 boundary). Returns the length.
 * out may be s itself (trimming in place). */
size_t text_trim(const char *s, char *out, size_t outsz);
/* Decodes HTML entities (&amp; &lt; &gt; &quot; &apos; &#39; &#x27; &eacute;
 * and the other Latin-1 names) into out. Unknown entities stay as written. */
size_t text_html_decode(const char *s, char *out, size_t outsz);
/* Normalised employer key (metrics.md): blanks and leading '/' removed,
 * lower-cased; "unknown" when nothing is left. */
size_t text_employer_key(const char *s, char *out, size_t outsz);
/* s folded for comparing words whatever their case and accents: ASCII
 * letters lower-cased, Latin-1 letters to their base letter (É, é, è -> e;
 * Ç -> c), combining marks dropped (a decomposed é is e), the rest kept
 * (invalid UTF-8 becomes U+FFFD). Cut on a character boundary when out is
 * too small. Returns the length written. */
size_t text_fold(const char *s, char *out, size_t outsz);

/* Decodes the character at s[0..len) into *cp and returns its length in
 * bytes, 1..4 (0 only when len is 0). What is not valid UTF-8 (a stray
 * continuation byte, C0, C1, F5..FF, an overlong form, a surrogate, more
 * than U+10FFFF, a sequence cut short) gives TEXT_REPLACEMENT and the length
 * of its longest valid start, at least 1: one U+FFFD per maximal invalid
 * part, as Unicode recommends and Python's decode(errors="replace") does. */
size_t text_utf8_next(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 (U+FFFD for a surrogate or above U+10FFFF); returns
 * its length, 1..4. */
size_t text_utf8_encode(uint32_t cp, char out[TEXT_UTF8_MAX]);
/* Copies s[0..len) into out (size outsz, always NUL-terminated) as valid
 * UTF-8: invalid bytes become U+FFFD (text_utf8_next), control characters
 * (C0, DEL, C1, a NUL inside s) spaces. What does not fit is cut on a
 * character boundary and the copy ends with TEXT_ELLIPSIS (when outsz leaves
 * room for it, 4 bytes or more). Returns the length written. */
size_t text_clean(const char *s, size_t len, char *out, size_t outsz);
/* snprintf into out that never cuts a character in two: a result that does
 * not fit is cut on a character boundary and ends with TEXT_ELLIPSIS.
 * Returns false when it was cut. For text shown on screen. */
bool text_format(char *out, size_t outsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A character drawn as part of the one before it: a combining mark (accents,
 * Arabic and Hebrew vowel signs) or a default-ignorable character (zero
 * width joiners and spaces, variation selectors, bidirectional marks), which
 * has no glyph of its own. Common blocks only: the screens' scripts. */
/* s as one path segment of a url (RFC 3986): unreserved characters as they
 * are, every other byte as %XX. False (out holds "") when it does not fit
 * outsz, NUL included. */
bool text_url_segment(const char *s, char *out, size_t outsz);
/* Edit distance of a and b (Levenshtein, in bytes), to suggest the name a
 * typo is closest to; SIZE_MAX when one is longer than TEXT_EDIT_LONGEST. */
#define TEXT_EDIT_LONGEST 64
size_t text_edit_distance(const char *a, const char *b);
bool text_is_mark(uint32_t cp);
bool text_is_invisible(uint32_t cp); /* default-ignorable: shaping hides it */

#endif
