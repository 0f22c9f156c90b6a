/* text: UTF-8 helpers. Blanks are ASCII whitespace and U+00A0 / U+202F
 * (no-break spaces, common in French text). */
#include "vitrine/text.h"

#include <stdint.h>
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

static size_t utf8_encode(uint32_t cp, char out[4])
{
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
            n = utf8_encode(cp, buf);
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
