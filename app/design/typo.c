/* typo: French typography, one pass over the text with a little look
 * behind (what the output ends with) and ahead (the rest of the input). */
#include "vitrine/typo.h"

#include <stdlib.h>
#include <string.h>

#define NBSP "\xC2\xA0"      /* U+00A0 */
#define NNBSP "\xE2\x80\xAF" /* U+202F */
#define APOS "\xE2\x80\x99"  /* U+2019 */
#define LAQUO "\xC2\xAB"     /* « */
#define RAQUO "\xC2\xBB"     /* » */
#define SUP_E "\xE1\xB5\x89" /* ᵉ U+1D49 */
#define SUP_R "\xCA\xB3"     /* ʳ U+02B3 */
#define SUP_D "\xE1\xB5\x88" /* ᵈ U+1D48 */
#define TYPO_MONTH_MAX 10    /* "Septembre" and a NUL */

typedef struct {
    char *out;
    size_t outsz, len; /* len: the whole result's, out holds what fits */
} sink;

static void put(sink *k, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, k->len++)
        if (k->len + 1 < k->outsz)
            k->out[k->len] = s[i];
}

static void puts_(sink *k, const char *s)
{
    put(k, s, strlen(s));
}

/* The output so far ends with s (only what fitted is looked at: a cut
 * result may be typeset slightly differently at its cut, never wrongly). */
static bool ends_with(const sink *k, const char *s)
{
    size_t n = strlen(s), have = k->len < k->outsz ? k->len : (k->outsz ? k->outsz - 1 : 0);
    return have >= n && memcmp(k->out + have - n, s, n) == 0;
}

/* The last output byte, 0 when none. */
static unsigned char last(const sink *k)
{
    size_t have = k->len < k->outsz ? k->len : (k->outsz ? k->outsz - 1 : 0);
    return have ? (unsigned char)k->out[have - 1] : 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}
static bool is_space(const char *s)
{
    return *s == ' ' || strncmp(s, NBSP, 2) == 0 || strncmp(s, NNBSP, 3) == 0;
}
static size_t space_len(const char *s)
{
    return *s == ' ' ? 1 : strncmp(s, NBSP, 2) == 0 ? 2 : strncmp(s, NNBSP, 3) == 0 ? 3 : 0;
}
static bool is_punct(char c)
{
    return c == ';' || c == ':' || c == '!' || c == '?';
}

/* The end of the word starting at s (up to a space, a newline or the end). */
static size_t word_len(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != '\n' && !is_space(s + n))
        n++;
    return n;
}

/* A URL or an e-mail address: copied untouched. */
static bool is_address(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] == '@' || (i + 3 <= n && memcmp(w + i, "://", 3) == 0))
            return true;
    return n >= 4 && memcmp(w, "www.", 4) == 0;
}

/* Whether the output ends a sentence (or holds nothing): a capital there
 * stays. */
static bool sentence_start(const sink *k)
{
    size_t have = k->len < k->outsz ? k->len : (k->outsz ? k->outsz - 1 : 0);
    while (have > 0 && (k->out[have - 1] == ' ' || k->out[have - 1] == '\n'))
        have--;
    if (have == 0)
        return true;
    char c = k->out[have - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '-' || c == '(' ||
           (have >= 3 && memcmp(k->out + have - 3, "\xE2\x80\x94", 3) == 0); /* — */
}

static const char *const MONTHS[] = {"Janvier",   "Février", "Mars",     "Avril",
                                     "Mai",       "Juin",    "Juillet",  "Août",
                                     "Septembre", "Octobre", "Novembre", "Décembre"};

/* A capitalised month name of n bytes at w, in running text next to a
 * number (after one in the output, or before " <digit>" in the input). */
static bool running_month(const sink *k, const char *w, size_t n)
{
    bool month = false;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS && !month; i++)
        month = strlen(MONTHS[i]) == n && memcmp(MONTHS[i], w, n) == 0;
    if (!month)
        return false;
    size_t have = k->len < k->outsz ? k->len : (k->outsz ? k->outsz - 1 : 0);
    bool after_number =
        have >= 2 && k->out[have - 1] == ' ' &&
        (is_digit(k->out[have - 2]) || ends_with(k, SUP_E SUP_R " ") || ends_with(k, SUP_E " "));
    bool before_number = w[n] == ' ' && is_digit(w[n + 1]);
    return (after_number || before_number) && !sentence_start(k);
}

/* An ordinal at the start of word w (n bytes): a number then er, ère,
 * re, e, ème, eme (nd for two). Writes it and returns the bytes taken, 0
 * when w is not one. */
static size_t ordinal(sink *k, const char *w, size_t n)
{
    static const struct {
        const char *suffix, *sup;
        char only; /* the one number it follows, 0: any */
    } forms[] = {{"ère", SUP_R SUP_E, '1'},
                 {"er", SUP_E SUP_R, '1'},
                 {"re", SUP_R SUP_E, '1'},
                 {"ème", SUP_E, 0},
                 {"eme", SUP_E, 0},
                 {"nd", SUP_D, '2'},
                 {"e", SUP_E, 0}};
    size_t d = 0;
    while (d < n && is_digit(w[d]))
        d++;
    if (d == 0 || d == n)
        return 0;
    bool one_digit = d == 1;
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        size_t l = strlen(forms[i].suffix);
        if (d + l > n || memcmp(w + d, forms[i].suffix, l) != 0 || is_alpha(w[d + l]) ||
            is_digit(w[d + l]))
            continue; /* 5e, 5e. but not 5ex nor 5e3 */
        if (forms[i].only && !(one_digit && w[0] == forms[i].only))
            return 0;
        put(k, w, d);
        /* "1e", "1ème": the first is 1ᵉʳ */
        puts_(k, one_digit && w[0] == '1' && !forms[i].only ? SUP_E SUP_R : forms[i].sup);
        return d + l;
    }
    return 0;
}

/* Digits grouped by a space: "10 000" (1 to 3 digits, then groups of 3). */
static bool thousands_space(const sink *k, const char *s)
{
    if (*s != ' ' || !is_digit(last(k)))
        return false;
    size_t have = k->len < k->outsz ? k->len : (k->outsz ? k->outsz - 1 : 0), d = 0;
    while (d < have && is_digit(k->out[have - 1 - d]))
        d++;
    if (d > 3)
        return false;
    for (int i = 1; i <= 3; i++)
        if (!is_digit(s[i]))
            return false;
    return !is_digit(s[4]) && !is_alpha(s[4]);
}

/* One character (or one space) of running text at s; returns the bytes
 * taken. */
static size_t one(sink *k, const char *s)
{
    size_t sp = space_len(s);
    if (sp) {
        const char *next = s + sp;
        while (space_len(next))
            next += space_len(next);
        if (ends_with(k, LAQUO)) /* « then spaces: one no-break space */
            return puts_(k, NBSP), (size_t)(next - s);
        if (strncmp(next, RAQUO, 2) == 0)
            return puts_(k, NBSP), (size_t)(next - s);
        if (is_punct(*next) && !is_punct((char)last(k)) && last(k))
            return puts_(k, NNBSP), (size_t)(next - s);
        if (thousands_space(k, s))
            return puts_(k, NNBSP), 1;
        put(k, s, sp);
        return sp;
    }
    if (*s == '\'')
        return puts_(k, APOS), 1;
    if (strncmp(s, LAQUO, 2) == 0) {
        puts_(k, LAQUO);
        if (s[2] && s[2] != '\n' && !is_space(s + 2))
            puts_(k, NBSP);
        return 2;
    }
    if (strncmp(s, RAQUO, 2) == 0) {
        unsigned char b = last(k);
        if (b && b != ' ' && b != '\n' && !ends_with(k, NBSP) && !ends_with(k, NNBSP))
            puts_(k, NBSP);
        return puts_(k, RAQUO), 2;
    }
    if (is_punct(*s)) {
        unsigned char b = last(k);
        bool spaced = !b || b == ' ' || b == '\n' || ends_with(k, NBSP) || ends_with(k, NNBSP);
        bool time = *s == ':' && is_digit((char)b) && is_digit(s[1]); /* 10:30 */
        if (!spaced && !time && !is_punct((char)b) && b != '(' && b != '[')
            puts_(k, NNBSP);
    }
    put(k, s, 1);
    return 1;
}

/* Whether a word starts at s[i]: the text's start, after a space or a
 * newline. */
static bool word_start(const char *s, size_t i)
{
    return i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n' ||
           (i >= 2 && memcmp(s + i - 2, NBSP, 2) == 0) ||
           (i >= 3 && memcmp(s + i - 3, NNBSP, 3) == 0);
}

size_t typo_fr(const char *s, char *out, size_t outsz)
{
    sink k = {out, outsz, 0};
    size_t i = 0;
    while (s && s[i]) {
        size_t n = word_start(s, i) ? word_len(s + i) : 0;
        if (n && is_address(s + i, n)) {
            put(&k, s + i, n);
            i += n;
            continue;
        }
        size_t taken = n ? ordinal(&k, s + i, n) : 0;
        if (!taken && n && n < TYPO_MONTH_MAX && running_month(&k, s + i, n)) {
            char low[TYPO_MONTH_MAX];
            memcpy(low, s + i, n);
            low[0] = (char)(low[0] - 'A' + 'a'); /* every month starts with an ASCII capital */
            put(&k, low, n);
            taken = n;
        }
        i += taken ? taken : one(&k, s + i);
    }
    if (outsz) {
        size_t end = k.len < outsz ? k.len : outsz - 1;
        while (end > 0 && k.len >= outsz && ((unsigned char)out[end] & 0xC0) == 0x80)
            end--; /* a cut result ends on a character boundary */
        out[end] = '\0';
    }
    return k.len;
}

char *typo_fr_dup(const char *s)
{
    if (!s)
        return NULL;
    size_t cap = TYPO_GROWTH * strlen(s) + 1;
    char *out = malloc(cap);
    if (out)
        typo_fr(s, out, cap);
    return out;
}
