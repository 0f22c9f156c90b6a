/* text: UTF-8 helpers. Blanks are ASCII whitespace and U+00A0 / U+202F
 * (no-break spaces, common in French text). */
#include "vitrine/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the blank starting at s, 0 if none. */
static size_t blank_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r' || *u == '\v' || *u == '\f')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
        return 3;
    return 0;
}

bool text_is_blank(const char *s)
{
    if (!s)
        return true;
    while (*s) {
        size_t n = blank_len(s);
        if (!n)
            return false;
        s += n;
    }
    return true;
}

/* Number of bytes of the character at s: its lead byte and the continuation
 * bytes that follow (at most 3), so that a copy never splits a character. */
static size_t char_len(const char *s)
{
    size_t n = 1;
    while (n < 4 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    return n;
}

/* Copies n bytes of s into out (they may overlap: text_trim works in place),
 * cutting before the character that does not fit. */
static size_t copy_clipped(const char *s, size_t n, char *out, size_t outsz)
{
    if (!outsz)
        return 0;
    if (n >= outsz) {
        n = outsz - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(out, s, n);
    out[n] = '\0';
    return n;
}

size_t text_trim(const char *s, char *out, size_t outsz)
{
    if (!s)
        s = "";
    size_t n;
    while ((n = blank_len(s)) > 0)
        s += n;
    const char *end = s, *p = s;
    while (*p) {
        if ((unsigned char)*p > ' ' && (unsigned char)*p < 0x80) { /* most bytes: no blank */
            end = ++p;
            continue;
        }
        n = blank_len(p);
        if (n) {
            p += n;
        } else {
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
            end = p;
        }
    }
    return copy_clipped(s, (size_t)(end - s), out, outsz);
}

/* Longest entity looked at, '&' to ';' included ("&#x10FFFF;", "&hellip;"). */
#define ENTITY_MAX_LEN 12

typedef struct {
    const char *name;
    uint32_t cp;
} entity;

/* The named entities an HTML-escaping API emits for French text. */
static const entity ENTITIES[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"eacute", 0xE9},   {"egrave", 0xE8},  {"ecirc", 0xEA},   {"euml", 0xEB},
    {"agrave", 0xE0},  {"acirc", 0xE2},    {"icirc", 0xEE},   {"iuml", 0xEF},    {"ocirc", 0xF4},
    {"ouml", 0xF6},    {"ugrave", 0xF9},   {"ucirc", 0xFB},   {"uuml", 0xFC},    {"ccedil", 0xE7},
    {"Eacute", 0xC9},  {"Egrave", 0xC8},   {"Ecirc", 0xCA},   {"Agrave", 0xC0},  {"Ccedil", 0xC7},
    {"oelig", 0x153},  {"OElig", 0x152},   {"laquo", 0xAB},   {"raquo", 0xBB},   {"rsquo", 0x2019},
    {"lsquo", 0x2018}, {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"euro", 0x20AC},
};

size_t text_utf8_encode(uint32_t cp, char out[TEXT_UTF8_MAX])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = TEXT_REPLACEMENT;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the entity at s ('&' ... ';'); returns its length, 0 if none. */
static size_t entity_at(const char *s, uint32_t *cp)
{
    /* strnlen: s may end (NUL) before ENTITY_MAX_LEN bytes. */
    const char *semi = memchr(s, ';', strnlen(s, ENTITY_MAX_LEN));
    if (!semi || semi == s + 1)
        return 0;
    size_t len = (size_t)(semi - s) + 1;
    if (s[1] == '#') {
        char *end;
        bool hex = s[2] == 'x' || s[2] == 'X';
        if (!(hex ? s[3] : s[2]))
            return 0;
        unsigned long v = strtoul(s + (hex ? 3 : 2), &end, hex ? 16 : 10);
        if (end != semi || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = (uint32_t)v;
        return len;
    }
    for (size_t i = 0; i < sizeof ENTITIES / sizeof *ENTITIES; i++) {
        size_t n = strlen(ENTITIES[i].name);
        if (n == len - 2 && strncmp(s + 1, ENTITIES[i].name, n) == 0) {
            *cp = ENTITIES[i].cp;
            return len;
        }
    }
    return 0;
}

size_t text_html_decode(const char *s, char *out, size_t outsz)
{
    size_t o = 0;
    if (!outsz)
        return 0;
    if (!s)
        s = "";
    while (*s) {
        char buf[4];
        size_t n = char_len(s), used;
        uint32_t cp = 0;
        const char *src = s;
        if (*s == '&' && (used = entity_at(s, &cp)) > 0) {
            n = text_utf8_encode(cp, buf);
            src = buf;
        } else {
            used = n;
        }
        if (o + n >= outsz)
            break; /* whole characters only */
        memcpy(out + o, src, n);
        o += n;
        s += used;
    }
    out[o] = '\0';
    return o;
}

static void text_lower(char *s)
{
    unsigned char *u = (unsigned char *)s;
    for (; *u; u++) {
        if (*u >= 'A' && *u <= 'Z') {
            *u = (unsigned char)(*u + 32);
        } else if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97) {
            u[1] = (unsigned char)(u[1] + 0x20); /* À..Þ -> à..þ, not × */
            u++;
        } else if (u[0] == 0xC5 && (u[1] == 0x92)) {
            u[1] = 0x93; /* Œ -> œ */
            u++;
        }
    }
}

size_t text_employer_key(const char *s, char *out, size_t outsz)
{
    size_t n = text_trim(s, out, outsz);
    size_t skip = 0;
    while (out[skip] == '/')
        skip++;
    if (skip) {
        memmove(out, out + skip, n - skip + 1);
        n = text_trim(out, out, outsz);
    }
    if (n == 0)
        return copy_clipped("unknown", 7, out, outsz);
    text_lower(out);
    return n;
}

/* The bytes a well-formed sequence may have after its lead byte (Unicode,
 * table 3-7): the second byte's range excludes overlong forms (E0, F0),
 * surrogates (ED) and code points above U+10FFFF (F4). */
size_t text_utf8_next(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    *cp = TEXT_REPLACEMENT;
    if (len == 0) {
        *cp = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t n;
    uint32_t c;
    unsigned char lo = 0x80, hi = 0xBF;
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        n = 2, c = u[0] & 0x1Fu;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        n = 3, c = u[0] & 0x0Fu;
        lo = u[0] == 0xE0 ? 0xA0 : 0x80;
        hi = u[0] == 0xED ? 0x9F : 0xBF;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        n = 4, c = u[0] & 0x07u;
        lo = u[0] == 0xF0 ? 0x90 : 0x80;
        hi = u[0] == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 1; /* a continuation byte, C0, C1 or F5..FF */
    }
    for (size_t i = 1; i < n; i++) {
        if (i >= len || u[i] < lo || u[i] > hi)
            return i; /* the valid start so far is one U+FFFD */
        c = (c << 6) | (u[i] & 0x3Fu);
        lo = 0x80, hi = 0xBF;
    }
    *cp = c;
    return n;
}

static bool printable_ascii(unsigned char b)
{
    return b >= 0x20 && b < 0x7F;
}

/* Cuts out (o bytes of valid UTF-8 written, room the most it holds) so
 * that TEXT_ELLIPSIS ends it, on a character boundary. */
static size_t end_with_ellipsis(char *out, size_t o, size_t room)
{
    if (room < TEXT_ELLIPSIS_LEN)
        return o; /* no room for it: whole characters only */
    size_t e = o < room - TEXT_ELLIPSIS_LEN ? o : room - TEXT_ELLIPSIS_LEN;
    while (e > 0 && e < o && ((unsigned char)out[e] & 0xC0) == 0x80)
        e--; /* out[e] is the first byte dropped: back to its character's start */
    while (e > 0 && out[e - 1] == ' ')
        e--; /* "mot…", not "mot …" */
    memcpy(out + e, TEXT_ELLIPSIS, TEXT_ELLIPSIS_LEN);
    return e + TEXT_ELLIPSIS_LEN;
}

size_t text_clean(const char *s, size_t len, char *out, size_t outsz)
{
    if (!outsz)
        return 0;
    size_t i = 0, o = 0, room = outsz - 1;
    while (s && i < len) {
        /* A stretch of printable ASCII (most of every feed) in one copy. */
        size_t lim = len - i < room - o ? len : i + (room - o), j = i;
        while (j < lim && printable_ascii((unsigned char)s[j]))
            j++;
        memcpy(out + o, s + i, j - i);
        o += j - i;
        i = j;
        if (i == len)
            break;
        if (printable_ascii((unsigned char)s[i])) { /* no room left */
            o = end_with_ellipsis(out, o, room);
            break;
        }
        uint32_t cp;
        size_t n = text_utf8_next(s + i, len - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            cp = ' '; /* C0, DEL, C1: nothing to draw, and a hazard in logs */
        char enc[TEXT_UTF8_MAX];
        size_t m = text_utf8_encode(cp, enc);
        if (o + m > room) {
            o = end_with_ellipsis(out, o, room);
            break;
        }
        memcpy(out + o, enc, m);
        o += m;
        i += n;
    }
    out[o] = '\0';
    return o;
}

/* Length of the character a lead byte starts (1 for a stray byte). */
static size_t lead_len(unsigned char b)
{
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

bool text_format(char *out, size_t outsz, const char *fmt, ...)
{
    if (!outsz)
        return false;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, outsz, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < outsz)
        return true;
    if (n < 0) {
        out[0] = '\0';
        return false;
    }
    /* Keep end bytes, then back off the character the cut went through:
     * its lead byte is the last byte before end that is not a continuation. */
    size_t end = outsz > TEXT_ELLIPSIS_LEN ? outsz - 1 - TEXT_ELLIPSIS_LEN : outsz - 1;
    size_t lead = end;
    while (lead > 0 && ((unsigned char)out[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead > 0 && lead - 1 + lead_len((unsigned char)out[lead - 1]) > end)
        end = lead - 1;
    if (outsz > TEXT_ELLIPSIS_LEN) {
        while (end > 0 && out[end - 1] == ' ')
            end--;
        memcpy(out + end, TEXT_ELLIPSIS, TEXT_ELLIPSIS_LEN);
        end += TEXT_ELLIPSIS_LEN;
    }
    out[end] = '\0';
    return false;
}

typedef struct {
    uint32_t lo, hi;
} cp_range;

static bool in_ranges(uint32_t cp, const cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return true;
    return false;
}

/* Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt). */
static const cp_range INVISIBLE[] = {
    {0x00AD, 0x00AD},   {0x034F, 0x034F},   {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x200B, 0x200F},   {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
    {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
};

/* Combining marks (Mn, Me) of the Latin, Greek, Cyrillic, Hebrew and
 * Arabic blocks, and the generic combining blocks. */
static const cp_range MARKS[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF}, {0xFE20, 0xFE2F},
};

bool text_is_invisible(uint32_t cp)
{
    return cp >= 0xAD && in_ranges(cp, INVISIBLE, sizeof INVISIBLE / sizeof *INVISIBLE);
}

bool text_is_mark(uint32_t cp)
{
    return (cp >= 0x300 && in_ranges(cp, MARKS, sizeof MARKS / sizeof *MARKS)) ||
           text_is_invisible(cp);
}

/* The ASCII letter a Latin-1 letter U+00C0..U+00FF folds to ("aaaaaaaceeeeiiii"
 * ...); 0 for the others (×, ÷, Æ, Ð, Þ, ß...), which are kept. */
static char latin1_base(uint32_t cp)
{
    static const char BASE[] = "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0\0"
                               "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";
    return cp >= 0xC0 && cp <= 0xFF ? BASE[cp - 0xC0] : 0;
}

size_t text_fold(const char *s, char *out, size_t outsz)
{
    size_t len = strlen(s), o = 0;
    if (!outsz)
        return 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t used = text_utf8_next(s + i, len - i, &cp);
        char base = latin1_base(cp);
        char enc[TEXT_UTF8_MAX];
        size_t n = base ? 1 : text_utf8_encode(cp, enc);
        if (base)
            enc[0] = base;
        else if (cp < 0x80)
            enc[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        if (!text_is_mark(cp) || cp < 0x300) { /* marks of a decomposed letter: dropped */
            if (o + n >= outsz)
                break;
            memcpy(out + o, enc, n);
            o += n;
        }
        i += used;
    }
    out[o] = '\0';
    return o;
}

size_t text_edit_distance(const char *a, const char *b)
{
    enum { LONGEST = TEXT_EDIT_LONGEST };
    size_t la = strlen(a), lb = strlen(b), row[LONGEST + 1];
    if (la > LONGEST || lb > LONGEST)
        return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

bool text_url_segment(const char *s, char *out, size_t outsz)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("-._~", *p);
        size_t need = plain ? 1 : 3;
        if (o + need >= outsz) {
            if (outsz)
                out[0] = '\0';
            return false;
        }
        if (plain) {
            out[o++] = (char)*p;
        } else {
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        }
    }
    if (o >= outsz)
        return false;
    out[o] = '\0';
    return true;
}
