/* Parsers: API shapes v2.5/v2.6/v2.7, defaults, skipped records, and hostile
 * inputs (truncation, type confusion, deep nesting, huge strings, bad UTF-8).
 * Every hostile case must give PARSE_OK or PARSE_REJECTED with a reason, and
 * stay clean under ASan/UBSan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vitrine/parse.h"
#include "vitrine/stats.h"
#include "vitrine/text.h"
#include "vitrine/vocab.h"

static parse_status parse_str(model *m, feed_id f, const char *json, parse_result *res)
{
    return parse_feed(m, f, json, strlen(json), res);
}

static void v26_prefixed_incubators(void)
{
    const char *json =
        "{\"data\":[{\"id\":\"a\",\"attributes\":{\"name\":\"A\",\"phases\":[{\"name\":"
        "\"construction\",\"start\":\"2020-01-01\"}]},\"relationships\":{\"incubator\":"
        "{\"data\":{\"type\":\"incubator\",\"id\":\"/incubateurs/dinum\"}}}}],"
        "\"included\":[{\"id\":\"/incubateurs/dinum\",\"type\":\"incubator\","
        "\"attributes\":{\"title\":\"DINUM\"}}]}";
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_STARTUPS, json, &res), PARSE_OK);
    CHECK_INT(m->n_products, 1);
    CHECK_INT(m->products[0].n_incubators, 1);
    CHECK_STR(m->products[0].incubators[0], "dinum");
    CHECK_STR(m->incubators[0].id, "dinum");
    stats *s = stats_compute(m, date_parse("2021-01-01"));
    CHECK_STR(s->products.by_incubator[0].id, "dinum");
    CHECK_STR(s->products.by_incubator[0].title, "DINUM");
    stats_free(s);
    model_free(m);
}

static void v27_coincubated_and_defaults(void)
{
    /* No name: the id; no pitch: ""; no phases: the product does not exist. */
    const char *json =
        "{\"data\":[{\"id\":\"x\",\"attributes\":{}},{\"id\":\"y\",\"attributes\":{\"phases\":"
        "[]},\"relationships\":{\"incubators\":{\"data\":[{\"id\":\"i1\"},{\"id\":\"i2\"},"
        "{\"id\":\"i1\"}]},\"incubator\":{\"data\":{\"id\":\"i3\"}}}}]}";
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_STARTUPS, json, &res), PARSE_OK);
    CHECK_INT(res.records, 2);
    CHECK_STR(m->products[0].name, "x");
    CHECK_STR(m->products[0].pitch, "");
    CHECK(m->products[0].repository == NULL);
    CHECK_INT(m->products[1].n_incubators, 2); /* i1, i2; i3 only as fallback */
    model_free(m);
}

static void rejects_whole_documents(void)
{
    const char *bad[] = {"",
                         "   ",
                         "not json",
                         "{\"data\": [",
                         "[]",
                         "{\"data\": {}}",
                         "{\"data\": []} trailing",
                         "\"data\"",
                         "null",
                         "{\"data\":[1,2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        model *m = model_new();
        parse_result res;
        CHECK_INT(parse_str(m, FEED_STARTUPS, bad[i], &res), PARSE_REJECTED);
        CHECK(res.error[0] != '\0');
        CHECK_INT(m->n_products, 0);
        model_free(m);
    }
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_AUTHORS, "{\"a\":1}", &res), PARSE_REJECTED);
    CHECK(strstr(res.error, "array") != NULL);
    CHECK_INT(parse_str(m, FEED_DEFIS, "12", &res), PARSE_REJECTED);
    CHECK_INT(parse_str(m, FEED_PERSONNES, "\"x\"", &res), PARSE_REJECTED);
    CHECK_INT(parse_str(m, FEED_INCUBATORS, "[]", &res), PARSE_REJECTED);
    model_free(m);
}

/* Records are parsed one at a time (span.c): whatever is not JSON between
 * them is still a rejection of the whole document. */
static void one_record_at_a_time_is_still_strict(void)
{
    static const struct {
        feed_id feed;
        const char *text;
    } bad[] = {
        {FEED_AUTHORS, "[{\"id\":\"a\"},]"},
        {FEED_AUTHORS, "[{\"id\":\"a\"} {\"id\":\"b\"}]"},
        {FEED_AUTHORS, "[{\"id\":\"a\"}}"},
        {FEED_AUTHORS, "[{\"id\":\"a\",}]"},
        {FEED_AUTHORS, "[tru]"},
        {FEED_STARTUPS, "{\"data\":[{\"id\":1}}}"},
        {FEED_STARTUPS, "{\"data\":[] \"included\":[]}"},
        {FEED_STARTUPS, "{\"data\":[], \"meta\": }"},
        {FEED_STARTUPS, "{\"data\":[], \"included\": [{]}"},
        {FEED_DEFIS, "{\"A\" {\"title\":\"x\"}}"},
        {FEED_DEFIS, "{\"A\":{\"title\":\"x\"},}"},
        {FEED_INCUBATORS, "{\"data\":[{\"id\":\"a\"}], \"links\":[}"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        model *m = model_new();
        parse_result res;
        if (parse_str(m, bad[i].feed, bad[i].text, &res) != PARSE_REJECTED)
            fprintf(stderr, "accepted: %s\n", bad[i].text);
        CHECK_INT(parse_str(m, bad[i].feed, bad[i].text, &res), PARSE_REJECTED);
        CHECK(res.error[0] != '\0');
        model_free(m);
    }
    /* Keys and escapes as cJSON reads them; "data" anywhere in the object. */
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_DEFIS, "{\"Un \\\"défi\\\"\": {\"year\": 2020}, \"B\": {}}", &res),
              PARSE_OK);
    CHECK_INT(m->n_defis, 2);
    CHECK_STR(m->defis[0].name, "Un \"défi\"");
    CHECK_INT(parse_str(m, FEED_STARTUPS,
                        "{\"included\": [{\"id\": \"i\", \"type\": \"incubator\", "
                        "\"attributes\": {\"title\": \"I\"}}], \"data\": [{\"id\": \"p\", "
                        "\"attributes\": {\"name\": \"P ]}\"}}]}",
                        &res),
              PARSE_OK);
    CHECK_INT(m->n_products, 1);
    CHECK_STR(m->products[0].name, "P ]}");
    CHECK_INT(m->n_incubators, 1);
    model_free(m);
}

/* res->error names what is wrong (want), and the byte is counted from the
 * start of the body (at: -1 to skip that check). */
static void check_message(feed_id feed, const char *json, parse_status want_st, const char *want,
                          long at)
{
    model *m = model_new();
    parse_result res;
    char byte[64] = "";
    if (at >= 0)
        snprintf(byte, sizeof byte, "byte %ld", at);
    CHECK_INT(parse_str(m, feed, json, &res), want_st);
    if (!strstr(res.error, want) || !strstr(res.error, byte))
        fprintf(stderr, "  %.60s: want \"%s\" and \"%s\" in \"%s\"\n", json, want, byte, res.error);
    CHECK(strstr(res.error, want) != NULL && strstr(res.error, byte) != NULL);
    model_free(m);
}

/* Each fault its own message, bytes counted from the start of the body
 * (not from the record or the list that holds the error). */
static void messages_name_the_fault(void)
{
    check_message(FEED_AUTHORS, "\xEF\xBB\xBF[{\"id\":\"a\"}]", PARSE_REJECTED,
                  "starts with a byte order mark (EF BB BF)", -1);
    check_message(FEED_STARTUPS, "\xEF\xBB\xBF{\"data\": []}", PARSE_REJECTED,
                  "starts with a byte order mark (EF BB BF)", -1);
    check_message(FEED_AUTHORS, "[{\"id\":\"a\"}]\n{\"id\":\"b\"}", PARSE_REJECTED,
                  "trailing content after the JSON value", 13);
    check_message(FEED_AUTHORS, "[{\"id\":\"a\"}] [{\"id\":\"b\"}]", PARSE_REJECTED,
                  "trailing content after the JSON value", 13);
    check_message(FEED_STARTUPS, "{\"data\": []} trailing", PARSE_REJECTED,
                  "trailing content after the JSON value", 13);
    check_message(FEED_DEFIS, "{\"A\": {}}}", PARSE_REJECTED,
                  "trailing content after the JSON value", 9);
    /* A syntax error inside the third record: its byte in the body. */
    check_message(FEED_AUTHORS, "[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\" \"c\"}]", PARSE_REJECTED,
                  "not valid JSON (error near byte 29 of 34)", -1);
    check_message(FEED_AUTHORS, "[{\"id\":\"a\"},{\"id\":\"b\"} {\"id\":\"c\"}]", PARSE_REJECTED,
                  "not valid JSON (error near byte 23 of 34)", -1);
    check_message(FEED_STARTUPS, "{\"meta\": {\"n\": 1,}, \"data\": []}", PARSE_REJECTED,
                  "not valid JSON (error near byte 18 of 31)", -1);
    check_message(FEED_STARTUPS, "{\"data\": [], \"meta\": {\"n\": 1,}}", PARSE_REJECTED,
                  "not valid JSON (error near byte 30 of 31)", -1);
}

/* A lone surrogate escape is valid JSON but no character: its record is
 * skipped, named with its byte in the body, and the others kept. */
static void lone_surrogate_skips_its_record(void)
{
    const char *json = "[{\"id\":\"a\",\"fullname\":\"A\"},"
                       "{\"id\":\"b\",\"fullname\":\"B \\ud800 b\"},"
                       "{\"id\":\"c\",\"fullname\":\"\\ud83d\\ude00 \\\\ud800\"},"
                       "{\"id\":\"d\",\"fullname\":\"\\udc00\"}]";
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_AUTHORS, json, &res), PARSE_OK);
    CHECK_INT(res.records, 2);
    CHECK_INT(res.skipped, 2);
    const char *first = strstr(json, "\\ud800");
    char want[96];
    snprintf(want, sizeof want,
             "record 1 (\"b\") has a lone surrogate escape (\\ud800) at byte %ld",
             (long)(first - json));
    if (!strstr(res.error, want))
        fprintf(stderr, "  want \"%s\" in \"%s\"\n", want, res.error);
    CHECK(strstr(res.error, want) != NULL);
    CHECK_STR(m->members[0].id, "a");
    CHECK_STR(m->members[1].id, "c"); /* a pair is one character; an escaped backslash, text */
    CHECK_STR(m->members[1].fullname, "\xF0\x9F\x98\x80 \\ud800");
    model_free(m);
    /* A keyed list names the record by its key. */
    check_message(FEED_DEFIS, "{\"A\": {\"title\": \"\\ud800\"}, \"B\": {}}", PARSE_OK,
                  "record 0 (\"A\") has a lone surrogate escape (\\ud800) at byte 17", -1);
    /* The rest of the record still has to be JSON. */
    check_message(FEED_AUTHORS, "[{\"id\":\"a\"},{\"id\":\"\\ud800\",}]", PARSE_REJECTED,
                  "not valid JSON (error near byte 27 of 29)", -1);
}

static void skips_wrong_types(void)
{
    const char *json = "[{\"id\":1},{\"id\":\"a\",\"missions\":{}},{\"id\":\"b\",\"fullname\":"
                       "[],\"missions\":[]},{\"id\":\"c\",\"missions\":[3]},{\"id\":\"ok\","
                       "\"missions\":[{\"start\":7,\"end\":true,\"status\":\"admin\"}]},null]";
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_AUTHORS, json, &res), PARSE_OK);
    CHECK_INT(res.records, 1);
    CHECK_INT(res.skipped, 5);
    CHECK_STR(m->members[0].id, "ok");
    CHECK_INT(m->members[0].missions[0].start, DATE_NONE); /* number: no date */
    model_free(m);
}

static void validate_needs_a_record(void)
{
    parse_result res;
    CHECK_INT(parse_validate(FEED_STARTUPS, "{\"data\":[]}", 11, &res), PARSE_REJECTED);
    CHECK_INT(parse_validate(FEED_AUTHORS, "[1,2]", 5, &res), PARSE_REJECTED);
    const char *dated = "[{\"id\":\"a\",\"missions\":[{\"start\":\"2021-01-31\"}]}]";
    CHECK_INT(parse_validate(FEED_AUTHORS, dated, strlen(dated), &res), PARSE_OK);
    CHECK_INT(res.incomplete, 0);
}

/* A feed whose dates changed format parses, but every figure would be 0. */
static void validate_needs_what_the_figures_need(void)
{
    parse_result res;
    const char *members = "[{\"id\":\"a\",\"missions\":[{\"start\":\"31/01/2021\"}]},"
                          "{\"id\":\"b\",\"missions\":[{\"start\":\"2021-01-31\"}]},"
                          "{\"id\":\"c\"}]";
    CHECK_INT(parse_validate(FEED_AUTHORS, members, strlen(members), &res), PARSE_REJECTED);
    CHECK_INT(res.incomplete, 2);
    CHECK(strstr(res.error, "2 of its 3 records lack a mission with a valid start date") != NULL);
    const char *products =
        "{\"data\":[{\"id\":\"p\",\"attributes\":{\"phases\":[{\"name\":\"construction\","
        "\"start\":\"01/02/2022\"}]}},{\"id\":\"q\",\"attributes\":{\"phases\":[{\"name\":"
        "\"construction\",\"start\":\"2022-02-01\"}]}}]}";
    CHECK_INT(parse_validate(FEED_STARTUPS, products, strlen(products), &res), PARSE_OK);
    CHECK_INT(res.incomplete, 1); /* half is not most */
    const char *defis = "[{\"title\":\"A\"},{\"title\":\"B\",\"year\":2020}]";
    CHECK_INT(parse_validate(FEED_DEFIS, defis, strlen(defis), &res), PARSE_OK);
    const char *people = "[{\"title\":\"A\"},{\"title\":\"B\",\"profil\":\"\"}]";
    CHECK_INT(parse_validate(FEED_PERSONNES, people, strlen(people), &res), PARSE_REJECTED);
    CHECK(strstr(res.error, "lack a profil") != NULL);
}

/* The folded table of each vocabulary is its words folded. */
static void vocabulary_tables(void)
{
    for (int f = 0; f < VOCAB_COUNT; f++) {
        size_t n;
        const char *const *words = vocab_words((vocab_field)f, &n);
        CHECK(n > 0);
        for (size_t i = 0; i < n; i++) {
            char folded[VOCAB_WORD_MAX];
            text_fold(words[i], folded, sizeof folded);
            CHECK_STR(vocab_folded((vocab_field)f, i), folded);
        }
        CHECK(vocab_folded((vocab_field)f, n) == NULL);
    }
    vocab_match m;
    CHECK_STR(vocab_lookup(VOCAB_DOMAINE, "DEPLOIEMENT", &m), "Déploiement");
    CHECK_INT(m, VOCAB_RESPELLED);
    CHECK(vocab_lookup(VOCAB_PHASE, "", &m) == NULL && m == VOCAB_UNKNOWN);
}

/* Known words in any case or accents are read as the vocabulary spells
 * them; an unknown word makes its record unreadable for the field; each
 * field's readable and canonically spelled records are tallied. */
static void vocabularies_and_fields(void)
{
    const char *products =
        "{\"data\":["
        "{\"id\":\"a\",\"attributes\":{\"phases\":[{\"name\":\"CONSTRUCTION\",\"start\":"
        "\"2020-01-01\"}]},\"relationships\":{\"incubator\":{\"data\":{\"id\":\"x\"}}}},"
        "{\"id\":\"b\",\"attributes\":{\"phases\":[{\"name\":\" Opéré \",\"start\":"
        "\"2020-01-01\"}]},\"relationships\":{\"incubator\":{\"data\":{\"id\":\"x\"}}}},"
        "{\"id\":\"c\",\"attributes\":{\"phases\":[{\"name\":\"investigation\",\"start\":"
        "\"2020-01-01\"},{\"name\":\"launched\",\"start\":\"2021-01-01\"}]}},"
        "{\"id\":\"d\",\"attributes\":{\"phases\":[{\"name\":\"acceleration\",\"start\":"
        "\"01/02/2021\"}]}}]}";
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_validate_into(m, FEED_STARTUPS, products, strlen(products), &res), PARSE_OK);
    CHECK_STR(m->products[0].phases[0].name, "construction");
    CHECK_INT(m->products[0].phases[0].spelled, VOCAB_RESPELLED);
    CHECK_STR(m->products[1].phases[0].name, "opere");
    CHECK_INT(m->products[2].phases[0].spelled, VOCAB_CANONICAL);
    CHECK_STR(m->products[2].phases[1].name, "launched"); /* as written, never active */
    CHECK_INT(m->products[2].phases[1].spelled, VOCAB_UNKNOWN);
    CHECK_INT(res.n_fields, 3);
    CHECK_STR(res.fields[0].name, "phases[].start");
    CHECK_INT(res.fields[0].readable, 3); /* d: 01/02/2021 */
    CHECK_STR(res.fields[1].name, "phases[].name");
    CHECK_INT(res.fields[1].readable, 3);  /* c: "launched" */
    CHECK_INT(res.fields[1].canonical, 1); /* d */
    CHECK_STR(res.fields[2].name, "relationships.incubators");
    CHECK_INT(res.fields[2].readable, 2);
    CHECK(!res.fields[2].required);
    stats *s = stats_compute(m, date_parse("2022-01-01"));
    CHECK_INT(s->products.active, 2); /* construction, opere; c is "launched" now */
    stats_free(s);
    model_free(m);

    const char *members =
        "[{\"id\":\"a\",\"domaine\":\"D&eacute;veloppement\",\"missions\":[{\"start\":"
        "\"2021-01-01\",\"status\":\"Independent\"}]},"
        "{\"id\":\"b\",\"domaine\":\"COACHING\",\"missions\":[{\"start\":\"2021-01-01\","
        "\"status\":\"freelance\"}]}]";
    m = model_new();
    CHECK_INT(parse_validate_into(m, FEED_AUTHORS, members, strlen(members), &res), PARSE_OK);
    CHECK_STR(m->members[0].domaine, "Développement");
    CHECK_INT(m->members[0].domaine_spelled, VOCAB_CANONICAL);
    CHECK_STR(m->members[1].domaine, "Coaching");
    CHECK_INT(m->members[1].domaine_spelled, VOCAB_RESPELLED);
    CHECK_STR(m->members[0].missions[0].status, "independent");
    CHECK_STR(m->members[1].missions[0].status, "freelance");
    CHECK_STR(res.fields[1].name, "missions[].status");
    CHECK_INT(res.fields[1].readable, 1);
    CHECK_INT(res.fields[1].canonical, 0);
    CHECK_STR(res.fields[2].name, "domaine");
    CHECK_INT(res.fields[2].readable, 2);
    CHECK_INT(res.fields[2].canonical, 1);
    model_free(m);

    /* Most phase names unknown: refused whole, naming the field. */
    const char *unknown = "{\"data\":[{\"id\":\"a\",\"attributes\":{\"phases\":[{\"name\":"
                          "\"bau\",\"start\":\"2020-01-01\"}]}}]}";
    CHECK_INT(parse_validate(FEED_STARTUPS, unknown, strlen(unknown), &res), PARSE_REJECTED);
    CHECK(strstr(res.error, "phases[].name: 1 of its 1 records lack phase names") != NULL);
}

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *buf = malloc(hl + ul * n + tl + 1);
    memcpy(buf, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(buf + hl + i * ul, unit, ul);
    memcpy(buf + hl + ul * n, tail, tl + 1);
    return buf;
}

static void hostile_inputs(void)
{
    /* Deep nesting beyond cJSON's limit: rejected, no stack overflow. */
    char *deep = repeat("{\"data\":", "[", 100000, "");
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_STARTUPS, deep, &res), PARSE_REJECTED);
    free(deep);
    /* A 5 MB name: kept, capped. */
    char *huge =
        repeat("{\"data\":[{\"id\":\"h\",\"attributes\":{\"name\":\"", "é", 2500000, "\"}}]}");
    CHECK_INT(parse_str(m, FEED_STARTUPS, huge, &res), PARSE_OK);
    CHECK(strlen(m->products[0].name) <= 4096);
    free(huge);
    /* ASCII up to the cap kept whole, past it cut with an ellipsis; blanks
     * around a name go, inside stay. */
    for (size_t len = 4094; len <= 4098; len++) {
        char *name = repeat("[{\"id\":\"c\",\"fullname\":\"", "x", len, " y\"}]");
        model *mc = model_new();
        CHECK_INT(parse_str(mc, FEED_AUTHORS, name, &res), PARSE_OK);
        const char *got = mc->members[0].fullname;
        size_t n = strlen(got);
        bool whole = n == len + 2 && got[0] == 'x' && strcmp(got + len, " y") == 0;
        bool cut = n <= 4096 && n >= 3 && strcmp(got + n - 3, "\xE2\x80\xA6") == 0;
        CHECK(len + 2 <= 4096 ? whole : cut);
        model_free(mc);
        free(name);
    }
    model *mp = model_new();
    CHECK_INT(parse_str(mp, FEED_AUTHORS, "[{\"id\":\" p \",\"fullname\":\"Plain Name\"}]", &res),
              PARSE_OK);
    CHECK_STR(mp->members[0].id, "p");
    CHECK_STR(mp->members[0].fullname, "Plain Name");
    model_free(mp);
    /* Invalid UTF-8 and control characters are sanitised. */
    const char bad_utf8[] = "[{\"id\":\"u\",\"fullname\":\"a\xff\xfe b\\u0001c\",\"missions\":[]}]";
    model *m2 = model_new();
    CHECK_INT(parse_str(m2, FEED_AUTHORS, bad_utf8, &res), PARSE_OK);
    CHECK_STR(m2->members[0].fullname, "a\xEF\xBF\xBD\xEF\xBF\xBD b c");
    /* A trailing NUL is tolerated; data after an embedded NUL is not. */
    CHECK_INT(parse_feed(m2, FEED_AUTHORS, "[]\0", 3, &res), PARSE_OK);
    CHECK_INT(parse_feed(m2, FEED_AUTHORS, "[]\0[]", 5, &res), PARSE_REJECTED);
    model_free(m2);
    model_free(m);
}

static void eig_shapes(void)
{
    model *m = model_new();
    parse_result res;
    const char *arr = "[{\"title\":\"T\",\"promotion\":3.0,\"year\":2019.5,\"eigs\":[\"a\",1,"
                      "\" \"],\"mentors\":null},{\"promotion\":{}}]";
    CHECK_INT(parse_str(m, FEED_DEFIS, arr, &res), PARSE_OK);
    CHECK_INT(res.records, 1); /* the second has neither title nor name */
    CHECK_STR(m->defis[0].promotion, "3");
    CHECK_INT(m->defis[0].year, 0); /* not an integer */
    CHECK_INT(m->defis[0].n_eigs, 1);
    model_free(m);
}

static void local_programme(void)
{
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_local(m, "{\"coaching_market\":[]}", 22, &res), PARSE_REJECTED);
    CHECK(strstr(res.error, "coaching_market") != NULL);
    model_free(m);
}

/* Euros past 2^31 (a long on armhf) are kept exactly; past the cap, the
 * document is refused rather than converted with undefined behaviour. */
static void local_budget_needs_64_bits(void)
{
    static const char doc[] =
        "{\"coaching_market\":{\"title\":\"t\",\"notified\":\"n\",\"renewable_until\":"
        "\"r\",\"scope\":\"s\",\"source\":\"src\"},\"coaching_budget\":{\"title\":\"t\","
        "\"delegator\":\"d\",\"source\":\"src\",\"lines\":[{\"year\":2024,"
        "\"ae_eur\":3000000000,\"cp_eur\":999999999999}]},\"team\":[],"
        "\"published_figures\":[]}";
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_local(m, doc, sizeof doc - 1, &res), PARSE_OK);
    CHECK_INT(m->local.budget.n_lines, 1);
    CHECK(m->local.budget.lines[0].ae_eur == INT64_C(3000000000));
    CHECK(m->local.budget.lines[0].cp_eur == INT64_C(999999999999));
    model_free(m);
    char big[sizeof doc + 8];
    snprintf(big, sizeof big, "%s", doc);
    char *at = strstr(big, "999999999999");
    memcpy(at, "9e99", 4);
    memmove(at + 4, at + 12, strlen(at + 12) + 1);
    m = model_new();
    CHECK_INT(parse_local(m, big, strlen(big), &res), PARSE_REJECTED);
    CHECK(strstr(res.error, "coaching_budget.lines") != NULL);
    model_free(m);
}

/* The context of the quoted-figure slides: optional, but a step without a
 * date or a context without its slide is a packaging error. */
static void local_contexts(void)
{
    static const char ok[] =
        "{\"coaching_market\":{},\"coaching_budget\":{},\"team\":[],"
        "\"published_figures\":[],\"contexts\":[{\"slide\":\"eig\",\"about\":\"A\","
        "\"timeline\":[{\"when\":\"2017\",\"what\":\"1re promotion\"},"
        "{\"when\":\"2021\",\"what\":\"5e\"}]},{\"slide\":\"certification\"}]}";
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_local(m, ok, sizeof ok - 1, &res), PARSE_OK);
    CHECK_INT(m->local.n_contexts, 2);
    const model_context *cx = model_local_context(&m->local, "eig");
    CHECK(cx != NULL);
    CHECK_INT(cx ? cx->n_steps : 0, 2);
    CHECK_STR(cx ? cx->steps[1].when : "", "2021");
    CHECK_STR(model_local_context(&m->local, "certification")->about, "");
    CHECK(model_local_context(&m->local, "coaching_market") == NULL);
    model_free(m);
    static const char *const bad[] = {
        "{\"coaching_market\":{},\"coaching_budget\":{},\"team\":[],\"published_figures\":[],"
        "\"contexts\":{}}",
        "{\"coaching_market\":{},\"coaching_budget\":{},\"team\":[],\"published_figures\":[],"
        "\"contexts\":[{\"about\":\"no slide\"}]}",
        "{\"coaching_market\":{},\"coaching_budget\":{},\"team\":[],\"published_figures\":[],"
        "\"contexts\":[{\"slide\":\"eig\",\"timeline\":[{\"what\":\"no date\"}]}]}",
        "{\"coaching_market\":{},\"coaching_budget\":{},\"team\":[],\"published_figures\":[],"
        "\"contexts\":[{\"slide\":\"eig\",\"timeline\":\"2017\"}]}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        m = model_new();
        CHECK_INT(parse_local(m, bad[i], strlen(bad[i]), &res), PARSE_REJECTED);
        CHECK(strstr(res.error, "contexts") != NULL);
        CHECK_INT(m->local.n_contexts, 0); /* left as it was */
        model_free(m);
    }
}

/* A text of n bytes: 23 letters from first on (first + 22 is a letter), a
 * few accented ones, a blank inside (no quote, no backslash: a string
 * span.c gives cJSON emptied). */
static char *long_text(size_t n, char first)
{
    char *t = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        t[i] = (char)(first + (char)(i % 23));
    memcpy(t + n / 2, "\xC3\xA9 \xC3\xA0", 5);
    t[n] = '\0';
    return t;
}

/* The authors' document with long strings (span.c's SPAN_LONG_STRING: 512
 * bytes) as values of every depth: a record's own strings, a list of more
 * of them than span.c takes out at once, a mission's, beside a long key,
 * short strings and escapes; and what a parse of it must give. */
static void check_long_strings(void)
{
    char *name = long_text(600, 'a'), *role = long_text(1500, 'b'), *employer = long_text(513, 'c');
    char *key = long_text(700, 'd'), *list[20], body[80000];
    size_t at = (size_t)snprintf(body, sizeof body,
                                 "[{\"id\":\"a\",\"%s\": \"short\", \"fullname\" : \"%s\",\n"
                                 "\"role\":\"r\\u00e9le \\\"%s\\\"\", \"startups\":[",
                                 key, name, role);
    for (int i = 0; i < 20; i++) {
        list[i] = long_text(520 + (size_t)i, (char)((i % 2 ? 'a' : 'A') + i % 3));
        at += (size_t)snprintf(body + at, sizeof body - at, "%s\"%s\"", i ? "," : "", list[i]);
    }
    snprintf(
        body + at, sizeof body - at,
        "],\"missions\":[{\"start\":\"2020-01-01\",\"status\":\"admin\",\"employer\":\"%s\"}]},"
        "{\"id\":\"%s\",\"role\":\"%s\"}]",
        employer, name, role);
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_AUTHORS, body, &res), PARSE_OK);
    CHECK_INT(res.records, 2);
    CHECK_INT(res.skipped, 0);
    if (res.records == 2) {
        CHECK_STR(m->members[0].fullname, name);
        char quoted[1600]; /* a string with escapes: cJSON's own parse */
        snprintf(quoted, sizeof quoted, "r\xC3\xA9le \"%s\"", role);
        CHECK_STR(m->members[0].role, quoted);
        CHECK_INT(m->members[0].n_startups, 20);
        for (int i = 0; i < 20 && m->members[0].n_startups == 20; i++)
            CHECK_STR(m->members[0].startups[i], list[i]);
        CHECK_INT(m->members[0].n_missions, 1);
        CHECK_STR(m->members[0].missions[0].employer, employer);
        CHECK_STR(m->members[1].id, name);
        CHECK_STR(m->members[1].fullname, name);
        CHECK_STR(m->members[1].role, role);
    }
    model_free(m);
    free(name);
    free(role);
    free(employer);
    free(key);
    for (int i = 0; i < 20; i++)
        free(list[i]);
}

/* A record with a long string is read as cJSON reads it, with the trees
 * malloc'ed and in arenas, and its faults are said as before: the byte of
 * an error after a long string, a lone surrogate beside one, wrong types. */
static void long_strings_read_as_cjson_reads_them(void)
{
    check_long_strings();
    char *text = long_text(800, 'a'), body[4000];
    snprintf(body, sizeof body, "[{\"id\":\"a\",\"fullname\":\"%s\",\"role\" \"r\"}]", text);
    char want[80];
    snprintf(want, sizeof want, "not valid JSON (error near byte %ld of %zu)",
             (long)(strstr(body, "\"r\"") - body), strlen(body));
    check_message(FEED_AUTHORS, body, PARSE_REJECTED, want, -1);
    snprintf(
        body, sizeof body,
        "[{\"id\":\"a\",\"fullname\":\"%s\",\"role\":\"\\ud800\"},{\"id\":\"b\",\"role\":[\"%s\"]},"
        "{\"id\":\"c\",\"fullname\":\"%s\"}]",
        text, text, text);
    snprintf(want, sizeof want,
             "record 0 (\"a\") has a lone surrogate escape (\\ud800) at byte %ld",
             (long)(strstr(body, "\\ud800") - body));
    check_message(FEED_AUTHORS, body, PARSE_OK, want, -1);
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_str(m, FEED_AUTHORS, body, &res), PARSE_OK);
    CHECK_INT(res.records, 1); /* "b": a list where a string goes */
    CHECK_INT(res.skipped, 2);
    if (res.records == 1)
        CHECK_STR(m->members[0].fullname, text);
    model_free(m);
    free(text);
    parse_use_arenas(); /* the kiosk's way: every tree in an arena */
    check_long_strings();
}

int main(void)
{
    RUN(v26_prefixed_incubators);
    RUN(v27_coincubated_and_defaults);
    RUN(rejects_whole_documents);
    RUN(one_record_at_a_time_is_still_strict);
    RUN(messages_name_the_fault);
    RUN(lone_surrogate_skips_its_record);
    RUN(skips_wrong_types);
    RUN(validate_needs_a_record);
    RUN(validate_needs_what_the_figures_need);
    RUN(vocabulary_tables);
    RUN(vocabularies_and_fields);
    RUN(hostile_inputs);
    RUN(eig_shapes);
    RUN(local_programme);
    RUN(local_budget_needs_64_bits);
    RUN(local_contexts);
    RUN(long_strings_read_as_cjson_reads_them); /* last: it turns arenas on */
    return test_report();
}
