/* filetitle: a title for something known only by its file name (a poster
 * in posters_dir): "03-demo-day.png" -> "Demo Day". Plain C, no SDL.
 *
 * The extension goes (".png", ".jpeg": a last dot followed by 1 to
 * FILETITLE_EXT_MAX letters or digits), then a leading number with the
 * separators after it (an order prefix: "03-", "1_", "2024 "), unless
 * nothing would be left; '-', '_' and '.' become spaces, runs of spaces
 * one; every word starts with a capital letter (ASCII and Latin-1's
 * letters: "été" -> "Été") except the French little words after the
 * first ("de", "la", "et"...), and "l" or "d" before a word is elided
 * with ’: "journee-de-l-innovation" reads "Journee de l’Innovation"
 * rather than "Journee De L Innovation". */
#ifndef VITRINE_FILETITLE_H
#define VITRINE_FILETITLE_H

#include <stddef.h>

#define FILETITLE_EXT_MAX 5 /* longest extension taken off */

/* Writes the title of file (a name, or a path: its last part) into out
 * (size outsz, always NUL-terminated, cut on a character boundary) and
 * returns its length. An empty name gives "". */
size_t filetitle_make(const char *file, char *out, size_t outsz);

#endif
