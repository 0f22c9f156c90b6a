/* Text helpers: blanks, trimming, HTML entities, lower-casing, employer keys,
 * UTF-8 decoding and cleaning (invalid bytes become U+FFFD as Python's
 * decode(errors="replace") makes them), cuts that end with an ellipsis, and
 * the string map behind every counter. */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "vitrine/strmap.h"
#include "vitrine/text.h"

static void blanks_and_trim(void)
{
    char out[64];
    CHECK(text_is_blank(NULL));
    CHECK(text_is_blank(" \t\r\n\xC2\xA0\xE2\x80\xAF"));
    CHECK(!text_is_blank(" x "));
    text_trim("  a b \xC2\xA0", out, sizeof out);
    CHECK_STR(out, "a b");
    text_trim("\xC3\xA9t\xC3\xA9", out, 4); /* "été" cut on a code point boundary */
    CHECK_STR(out, "\xC3\xA9t");
    text_trim(NULL, out, sizeof out);
    CHECK_STR(out, "");
}

static void html_entities(void)
{
    char out[64];
    text_html_decode("D&eacute;veloppement &amp; Co", out, sizeof out);
    CHECK_STR(out, "Développement & Co");
    text_html_decode("&#39;&#x27;&quot;&lt;&gt;", out, sizeof out);
    CHECK_STR(out, "''\"<>");
    text_html_decode("&unknown; & &#xD800; &#0; &", out, sizeof out);
    CHECK_STR(out, "&unknown; & &#xD800; &#0; &");
    text_html_decode("&amp;amp;", out, sizeof out); /* decoded once */
    CHECK_STR(out, "&amp;");
    text_html_decode("&eacute;&eacute;&eacute;", out, 6); /* no half code point */
    CHECK_STR(out, "éé");
}

static void employer_keys(void)
{
    char out[64];
    const char *numa[] = {"NUMA", " Numa ", "numa", "/numa", "/ NUMA", "//Numa\xC2\xA0"};
    for (size_t i = 0; i < sizeof numa / sizeof *numa; i++) {
        text_employer_key(numa[i], out, sizeof out);
        CHECK_STR(out, "numa");
    }
    text_employer_key("PÔLE EMPLOI", out, sizeof out);
    CHECK_STR(out, "pôle emploi");
    text_employer_key("  ", out, sizeof out);
    CHECK_STR(out, "unknown");
    text_employer_key("/", out, sizeof out);
    CHECK_STR(out, "unknown");
    text_employer_key(NULL, out, sizeof out);
    CHECK_STR(out, "unknown");
}

#define R "\xEF\xBF\xBD"                /* U+FFFD */
#define ROCKET_BYTES "\xF0\x9F\x9A\x80" /* U+1F680 */

typedef struct {
    const char *in, *want;
} clean_case;

/* The cleaning step of every feed string (jsonx_copy is text_clean): one
 * U+FFFD per maximal invalid part, the expected strings checked against
 * Python's bytes.decode("utf-8", "replace"). */
static const clean_case CLEAN_CASES[] = {
    {"a\xF5"
     "b",
     "a" R "b"},                                       /* F5..FF never start a character */
    {"\xF5\x80\x80", R R R},                           /* was taken for a 3-byte sequence */
    {"\xF8\x88\x80\x80\x80", R R R R R},               /* 5-byte forms of old */
    {"\xFF\xFE", R R},                                 /* a UTF-16 byte order mark */
    {"\xC0\xAF", R R},                                 /* overlong "/" */
    {"\xC1\xBF", R R},                                 /* overlong U+007F */
    {"\xE0\x80\xAF", R R R},                           /* overlong, 3 bytes */
    {"\xF0\x80\x80\xAF", R R R R},                     /* overlong, 4 bytes */
    {"\xED\xA0\x80", R R R},                           /* surrogate U+D800 */
    {"\xED\xBF\xBF", R R R},                           /* surrogate U+DFFF */
    {"\xF4\x90\x80\x80", R R R R},                     /* above U+10FFFF */
    {"\xE2\x82x", R "x"},                              /* cut short: one U+FFFD */
    {"\xF0\x9F\x9A", R},                               /* cut short at the end */
    {"\x80\xBF", R R},                                 /* stray continuation bytes */
    {"\xF4\x8F\xBF\xBF \xE2\x82\xAC \xF0\x9F\x9A\x80", /* U+10FFFF, euro, rocket: valid */
     "\xF4\x8F\xBF\xBF \xE2\x82\xAC \xF0\x9F\x9A\x80"},
    {"a\tb\nc\x7F"
     "d\xC2\x85"
     "e",
     "a b c d e"}, /* C0, DEL and C1 controls: spaces */
};

static void utf8_cleaning(void)
{
    char out[64];
    for (size_t i = 0; i < sizeof CLEAN_CASES / sizeof *CLEAN_CASES; i++) {
        const char *in = CLEAN_CASES[i].in;
        size_t n = text_clean(in, strlen(in), out, sizeof out);
        CHECK_STR(out, CLEAN_CASES[i].want);
        CHECK_INT(n, strlen(CLEAN_CASES[i].want));
    }
    /* Every byte F5..FF, alone and as a lead byte. */
    for (int b = 0xF5; b <= 0xFF; b++) {
        char in[4] = {(char)b, (char)0x80, (char)0x80, 0};
        text_clean(in, 3, out, sizeof out);
        CHECK_STR(out, R R R);
        text_clean(in, 1, out, sizeof out);
        CHECK_STR(out, R);
    }
    text_clean(NULL, 5, out, sizeof out);
    CHECK_STR(out, "");
    text_clean("a\0b", 3, out, sizeof out); /* a NUL inside the bytes given */
    CHECK_STR(out, "a b");
}

static void utf8_decoding(void)
{
    uint32_t cp;
    CHECK_INT(text_utf8_next("\xF0\x9F\x9A\x80", 4, &cp), 4);
    CHECK_INT(cp, 0x1F680);
    CHECK_INT(text_utf8_next("\xF0\x9F\x9A\x80", 3, &cp), 3); /* len cuts it short */
    CHECK_INT(cp, TEXT_REPLACEMENT);
    CHECK_INT(text_utf8_next("\xE2\x82\xAC", 3, &cp), 3);
    CHECK_INT(cp, 0x20AC);
    CHECK_INT(text_utf8_next("\xFF", 1, &cp), 1);
    CHECK_INT(cp, TEXT_REPLACEMENT);
    CHECK_INT(text_utf8_next("", 0, &cp), 0);
    char buf[TEXT_UTF8_MAX];
    CHECK_INT(text_utf8_encode(0x1F680, buf), 4);
    CHECK(memcmp(buf, "\xF0\x9F\x9A\x80", 4) == 0);
    CHECK_INT(text_utf8_encode(0xD800, buf), 3); /* not a scalar value: U+FFFD */
    CHECK(memcmp(buf, R, 3) == 0);
    CHECK(text_is_invisible(0x200D) && text_is_invisible(0xFE0F) && !text_is_invisible('a'));
    CHECK(text_is_mark(0x0301) && text_is_mark(0x064E) && text_is_mark(0x200D));
    CHECK(!text_is_mark(0x1F680) && !text_is_mark(0x0627) && !text_is_mark(' '));
}

/* A text cut short ends with an ellipsis, on a character boundary. */
static void cuts_end_with_an_ellipsis(void)
{
    char out[8];
    CHECK_INT(text_clean("abcdefghij", 10, out, sizeof out), 7);
    CHECK_STR(out, "abcd" TEXT_ELLIPSIS);
    text_clean("abcdefg", 7, out, sizeof out); /* fits exactly: no cut */
    CHECK_STR(out, "abcdefg");
    text_clean("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 8, out, sizeof out); /* "éééé" */
    CHECK_STR(out, "\xC3\xA9\xC3\xA9" TEXT_ELLIPSIS);
    text_clean("abcdef", 6, out, 3); /* no room for an ellipsis: whole characters */
    CHECK_STR(out, "ab");
    text_clean("abc" ROCKET_BYTES "d", 8, out, sizeof out); /* 3 + 4 bytes: no room for "d" */
    CHECK_STR(out, "abc" TEXT_ELLIPSIS);
    text_clean("ab" ROCKET_BYTES ROCKET_BYTES, 10, out, sizeof out);
    CHECK_STR(out, "ab" TEXT_ELLIPSIS);
    /* Every size and every cut: valid, NUL-terminated, the ellipsis last. */
    const char *mixed = "a\xC3\xA9 " ROCKET_BYTES " \xF5x\xE2\x82\xAC  yz";
    for (size_t size = 1; size <= 24; size++) {
        char buf[24];
        size_t n = text_clean(mixed, strlen(mixed), buf, size);
        CHECK(n < size && n == strlen(buf));
        char again[32];
        CHECK_INT(text_clean(buf, n, again, sizeof again), n); /* already clean */
        bool cut = text_clean(mixed, strlen(mixed), again, sizeof again) != n;
        CHECK(!cut || size < 4 || strcmp(buf + n - TEXT_ELLIPSIS_LEN, TEXT_ELLIPSIS) == 0);
    }
    CHECK(text_format(out, sizeof out, "%s", "abcdefg"));
    CHECK_STR(out, "abcdefg");
    CHECK(!text_format(out, sizeof out, "%s %d", "abc", 12345));
    CHECK_STR(out, "abc" TEXT_ELLIPSIS); /* no blank before the ellipsis */
    text_clean("ab    cdefgh", 12, out, sizeof out);
    CHECK_STR(out, "ab" TEXT_ELLIPSIS);
    /* "aéé": the cut falls inside the second é, which goes as a whole. */
    CHECK(!text_format(out, sizeof out, "aa%s", "\xC3\xA9\xC3\xA9\xC3\xA9"));
    CHECK_STR(out, "aa\xC3\xA9" TEXT_ELLIPSIS);
    CHECK(!text_format(out, sizeof out, "\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80"));
    CHECK_STR(out, "\xF0\x9F\x9A\x80" TEXT_ELLIPSIS);
    char tiny[3];
    CHECK(!text_format(tiny, sizeof tiny, "a\xC3\xA9"));
    CHECK_STR(tiny, "a");
}

static void strmap_counts_in_order(void)
{
    strmap *m = strmap_new();
    char keys[2000][8];
    for (int i = 0; i < 2000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        CHECK(strmap_upsert(m, keys[i]) != NULL);
    }
    CHECK_INT(strmap_upsert(m, "k5")->value, 0); /* found, not added again */
    CHECK(strmap_incr(m, "k5"));
    CHECK(strmap_incr(m, keys[5]));
    CHECK_INT(strmap_count(m), 2000);
    CHECK_INT(strmap_find(m, "k5")->value, 2);
    CHECK(strmap_find(m, "nope") == NULL);
    CHECK_STR(strmap_entries(m)[1999].key, "k1999"); /* insertion order */
    strmap_free(m);
    strmap_free(NULL);
}

static void url_segments(void)
{
    char out[32];
    CHECK(text_url_segment("demarches-simplifiees.fr", out, sizeof out));
    CHECK_STR(out, "demarches-simplifiees.fr");
    CHECK(text_url_segment("a b/c?d#é~", out, sizeof out));
    CHECK_STR(out, "a%20b%2Fc%3Fd%23%C3%A9~");
    CHECK(!text_url_segment("0123456789012345678901234567890123", out, sizeof out));
    CHECK_STR(out, "");
    CHECK(!text_url_segment("%", out, 3)); /* "%25" needs 4 bytes */
    CHECK(text_url_segment("", out, 1));
    CHECK_STR(out, "");
}

/* Words compared whatever their case and accents (the feeds' vocabularies). */
static void folding(void)
{
    char out[64];
    CHECK_INT(text_fold("CONSTRUCTION", out, sizeof out), 12);
    CHECK_STR(out, "construction");
    text_fold("Opéré", out, sizeof out);
    CHECK_STR(out, "opere");
    text_fold("DÉVELOPPEMENT", out, sizeof out);
    CHECK_STR(out, "developpement");
    text_fold("Transfe\xCC\x81re\xCC\x81", out, sizeof out); /* decomposed: e + U+0301 */
    CHECK_STR(out, "transfere");
    text_fold("Ça ÿ Æ ß", out, sizeof out); /* no base letter: kept */
    CHECK_STR(out, "ca y \xC3\x86 \xC3\x9F");
    text_fold("abc\xFF", out, sizeof out);
    CHECK_STR(out, "abc\xEF\xBF\xBD");
    CHECK_INT(text_fold("ééé", out, 3), 2); /* cut on a character boundary */
    CHECK_STR(out, "ee");
}

int main(void)
{
    RUN(blanks_and_trim);
    RUN(folding);
    RUN(html_entities);
    RUN(employer_keys);
    RUN(utf8_cleaning);
    RUN(utf8_decoding);
    RUN(cuts_end_with_an_ellipsis);
    RUN(strmap_counts_in_order);
    RUN(url_segments);
    return test_report();
}
