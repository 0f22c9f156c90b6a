/* filetitle: one pass over the name's stem, word by word. */
#include "vitrine/filetitle.h"

#include <stdbool.h>
#include <string.h>

#define APOSTROPHE "\u2019"

/* French words left in lower case after the first word of a title. */
static const char *const SMALL_WORDS[] = {"a",   "au",   "aux", "d",  "de",  "des", "du",
                                          "en",  "et",   "l",   "la", "le",  "les", "ou",
                                          "par", "pour", "sur", "un", "une", "à"};

static bool is_sep(char c)
{
    return c == '-' || c == '_' || c == '.' || c == ' ';
}

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The stem's length: without an extension of 1..FILETITLE_EXT_MAX
 * letters or digits. */
static size_t stem_len(const char *s, size_t len)
{
    const char *dot = NULL;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '.')
            dot = s + i;
    if (!dot || dot == s)
        return len;
    size_t ext = len - (size_t)(dot - s) - 1;
    if (ext == 0 || ext > FILETITLE_EXT_MAX)
        return len;
    for (size_t i = 1; i <= ext; i++)
        if (!is_alnum(dot[i]))
            return len;
    return (size_t)(dot - s);
}

/* Where the title starts: after a leading number and its separators,
 * when something is left after them. */
static size_t after_number(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 || i == len || !is_sep(s[i]))
        return 0;
    while (i < len && is_sep(s[i]))
        i++;
    return i < len ? i : 0;
}

static bool small_word(const char *w, size_t len)
{
    for (size_t k = 0; k < sizeof SMALL_WORDS / sizeof *SMALL_WORDS; k++)
        if (strlen(SMALL_WORDS[k]) == len && strncmp(SMALL_WORDS[k], w, len) == 0)
            return true;
    return false;
}

/* Appends the word w[0..len) to out at *n, its first letter a capital
 * when cap: ASCII, or Latin-1's lower-case letters (U+00E0..U+00FE but
 * U+00F7, in UTF-8 C3 A0..BE), 0x20 below their capitals. Whole
 * characters only: a word that does not fit is cut before its first
 * byte that does not. */
static void append_word(const char *w, size_t len, bool cap, char *out, size_t outsz, size_t *n)
{
    for (size_t i = 0; i < len && *n + 1 < outsz; i++) {
        unsigned char c = (unsigned char)w[i];
        size_t cl = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (*n + cl >= outsz || i + cl > len)
            return;
        memcpy(out + *n, w + i, cl);
        if (cap && i == 0 && c >= 'a' && c <= 'z')
            out[*n] = (char)(c - 0x20);
        else if (cap && i == 0 && c == 0xC3 && (unsigned char)w[1] >= 0xA0 &&
                 (unsigned char)w[1] <= 0xBE && (unsigned char)w[1] != 0xB7)
            out[*n + 1] = (char)((unsigned char)w[1] - 0x20);
        *n += cl;
        i += cl - 1;
    }
}

size_t filetitle_make(const char *file, char *out, size_t outsz)
{
    if (outsz == 0)
        return 0;
    out[0] = '\0';
    const char *slash = file ? strrchr(file, '/') : NULL;
    const char *s = slash ? slash + 1 : file ? file : "";
    size_t len = stem_len(s, strlen(s));
    size_t i = after_number(s, len), n = 0;
    bool first = true, elided = false;
    while (i < len) {
        while (i < len && is_sep(s[i]))
            i++;
        size_t start = i;
        while (i < len && !is_sep(s[i]))
            i++;
        if (i == start)
            break;
        if (!first && !elided && n + 2 < outsz)
            out[n++] = ' ';
        size_t wl = i - start;
        append_word(s + start, wl, first || !small_word(s + start, wl), out, outsz, &n);
        /* "l-innovation": l’Innovation, the article elided before its word. */
        elided = i < len && wl == 1 &&
                 (s[start] == 'l' || s[start] == 'd' || s[start] == 'L' || s[start] == 'D');
        if (elided && n + sizeof APOSTROPHE < outsz) {
            memcpy(out + n, APOSTROPHE, sizeof APOSTROPHE - 1);
            n += sizeof APOSTROPHE - 1;
        } else {
            elided = false;
        }
        first = false;
    }
    while (n > 0 && out[n - 1] == ' ') /* a cut after a space */
        n--;
    out[n] = '\0';
    return n;
}
