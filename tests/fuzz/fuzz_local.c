/* fuzz_local: the local programme data parser (parse_local) on arbitrary
 * bytes. The model first holds the programme data that ships with the
 * program; a rejected document must leave it exactly as it was (parse.h:
 * "the model is left untouched"), an accepted one must be fully readable. */
#include <stdbool.h>
#include <string.h>

#include "assets.h"
#include "fuzz.h"
#include "vitrine/parse.h"

#define LOCAL_ASSET "local/programme.json"

/* Reads every string the screens would show, so that ASan sees any pointer
 * into freed or foreign memory, and returns a fingerprint of the shape. */
static size_t walk(const model_local *l)
{
    size_t sum = strlen(l->market.title) + strlen(l->market.notified) +
                 strlen(l->market.renewable_until) + strlen(l->market.scope) +
                 strlen(l->market.source) + strlen(l->budget.title) + strlen(l->budget.delegator) +
                 strlen(l->budget.source);
    for (size_t i = 0; i < l->market.n_holders; i++)
        sum += strlen(l->market.holders[i].name) + strlen(l->market.holders[i].detail);
    for (size_t i = 0; i < l->n_poles; i++) {
        sum += strlen(l->poles[i].name) + strlen(l->poles[i].mission);
        for (size_t j = 0; j < l->poles[i].n_people; j++)
            sum += strlen(l->poles[i].people[j].name) + strlen(l->poles[i].people[j].role);
    }
    for (size_t i = 0; i < l->n_figures; i++)
        sum += strlen(l->figures[i].group) + strlen(l->figures[i].value) +
               strlen(l->figures[i].label) + strlen(l->figures[i].source);
    return sum + l->market.n_holders + l->budget.n_lines + l->n_poles + l->n_figures;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool arenas; /* as the program parses: trees in arenas */
    if (!arenas) {
        parse_use_arenas();
        arenas = true;
    }
    const assets_file *shipped = assets_find(LOCAL_ASSET);
    FUZZ_CHECK(shipped != NULL);
    model *m = model_new();
    FUZZ_CHECK(m != NULL);
    parse_result res;
    FUZZ_CHECK(parse_local(m, (const char *)shipped->data, shipped->size, &res) == PARSE_OK);
    model_local before = m->local;
    size_t before_walk = walk(&m->local);

    parse_status st = parse_local(m, (const char *)data, size, &res);
    FUZZ_CHECK(st == PARSE_OK || st == PARSE_REJECTED);
    FUZZ_CHECK(memchr(res.error, '\0', sizeof res.error) != NULL);
    if (st == PARSE_OK) {
        FUZZ_CHECK(m->local.loaded);
        for (size_t i = 0; i < m->local.budget.n_lines; i++) {
            const model_budget_line *l = &m->local.budget.lines[i];
            FUZZ_CHECK(l->year > 0 && l->ae_eur >= 0 && l->cp_eur >= 0);
        }
        FUZZ_CHECK(res.records == m->local.n_poles + m->local.n_figures);
        walk(&m->local);
    } else {
        FUZZ_CHECK(res.error[0] != '\0');
        FUZZ_CHECK(memcmp(&before, &m->local, sizeof before) == 0);
        FUZZ_CHECK(walk(&m->local) == before_walk);
    }
    fuzz_check_stats(m);
    model_free(m);
    return 0;
}
