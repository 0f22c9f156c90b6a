/* guard: validation and plausibility of a new body against the last good
 * copy. */
#include "guard.h"

#include <stdio.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/parse.h"

guard_status guard_examine(feed_id feed, const char *body, size_t len, vt_date today, memgate *gate,
                           cachemeta *counts, model **parsed, char *why, size_t whysz)
{
    if (parsed)
        *parsed = NULL;
    model *m = model_new();
    if (!m) {
        snprintf(why, whysz, "out of memory");
        return GUARD_NOMEM;
    }
    parse_result pr;
    memgate_enter(gate);
    parse_status ps = parse_validate_into(m, feed, body, len, &pr);
    if (ps == PARSE_OK && !headline_compute(m, feed, today, &counts->figures))
        ps = PARSE_NOMEM;
    if (ps != PARSE_OK || !parsed)
        model_free(m); /* under the gate: the tree and the model are the peak */
    memgate_leave(gate);
    if (ps != PARSE_OK) {
        snprintf(why, whysz, "%.200s", ps == PARSE_NOMEM ? "out of memory" : pr.error);
        return ps == PARSE_NOMEM ? GUARD_NOMEM : GUARD_MALFORMED;
    }
    counts->records = pr.records;
    cachemeta_set_fields(counts, &pr);
    if (parsed) {
        *parsed = m;
        if (pr.skipped)
            log_warn("feeds", "[%s] skipped %zu record(s) it cannot read, kept %zu (the first: %s)",
                     feed_name(feed), pr.skipped, pr.records, pr.error);
    }
    return GUARD_OK;
}

static const cachemeta_field *find_field(const cachemeta *m, const char *name)
{
    for (size_t i = 0; i < m->n_fields; i++)
        if (strcmp(m->fields[i].name, name) == 0)
            return &m->fields[i];
    return NULL;
}

static double share(size_t part, size_t whole)
{
    return whole ? (double)part / (double)whole : 0.0;
}

/* A field read (or spelled as before) by far fewer records than in good. */
static bool field_dropped(const cachemeta *good, const cachemeta *next, char *why, size_t whysz)
{
    for (size_t i = 0; good->records && next->records && i < next->n_fields; i++) {
        const cachemeta_field *n = &next->fields[i], *g = find_field(good, n->name);
        if (!g)
            continue;
        double gr = share(g->readable, good->records), nr = share(n->readable, next->records);
        double gc = share(g->canonical, good->records), nc = share(n->canonical, next->records);
        if (nr < gr - GUARD_FIELD_MAX_DROP) {
            snprintf(why, whysz,
                     "%s: %.0f %% of its %zu records can be read, %.0f %% of the last good "
                     "copy's %zu",
                     n->name, nr * 100, next->records, gr * 100, good->records);
            return true;
        }
        if (nc < gc - GUARD_FIELD_MAX_DROP) {
            snprintf(why, whysz,
                     "%s: %.0f %% of its %zu records spelled as before, %.0f %% of the last good "
                     "copy's (the feed changed its form)",
                     n->name, nc * 100, next->records, gc * 100);
            return true;
        }
    }
    return false;
}

static bool figure_collapsed(const cachemeta *good, const cachemeta *next, long min_percent,
                             char *why, size_t whysz)
{
    headline_drop d;
    if (!headline_collapse(&good->figures, &next->figures, min_percent, &d))
        return false;
    if (d.to == 0)
        snprintf(why, whysz, "%s would fall from %ld to 0", d.key, d.from);
    else
        snprintf(why, whysz, "%s would fall from %ld to %ld, under %ld %% (min_figure_percent)",
                 d.key, d.from, d.to, min_percent);
    return true;
}

static bool records_shrank(const cachemeta *good, const cachemeta *next, long min_percent,
                           char *why, size_t whysz)
{
    if (min_percent <= 0 || !good->records ||
        (double)next->records * 100.0 >= (double)good->records * (double)min_percent)
        return false;
    snprintf(why, whysz,
             "%zu records, fewer than %ld %% of the last good copy's %zu (min_records_percent)",
             next->records, min_percent, good->records);
    return true;
}

guard_status guard_compare(const cachemeta *good, const cachemeta *next, const config_feed *cfg,
                           char *why, size_t whysz)
{
    /* The cause first (a field), then what it would do (a figure). */
    if (field_dropped(good, next, why, whysz) ||
        figure_collapsed(good, next, cfg->min_figure_percent, why, whysz) ||
        records_shrank(good, next, cfg->min_records_percent, why, whysz))
        return GUARD_IMPLAUSIBLE;
    return GUARD_OK;
}
