/* text: small UTF-8 string helpers shared by parsers and statistics. */
#ifndef VITRINE_TEXT_H
#define VITRINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
