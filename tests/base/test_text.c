/* Text helpers: blanks, trimming, HTML entities, lower-casing, employer keys,
 * and the string map behind every counter. */
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

int main(void)
{
    RUN(blanks_and_trim);
    RUN(html_entities);
    RUN(employer_keys);
    RUN(strmap_counts_in_order);
    return test_report();
}
