/* stats: every figure on screen, as a pure function of (model, date),
 * exactly as shared/docs/metrics.md defines them. Linear in the data size.
 * A stats value owns its arrays and the strings it made (employer keys);
 * other strings are borrowed from the model, so free the stats first. */
#ifndef VITRINE_STATS_H
#define VITRINE_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "vitrine/date.h"
#include "vitrine/model.h"

typedef struct {
    const char *key;
    long count;
} stats_count;

typedef struct {
    stats_count *items; /* sorted by key (bytes), counts > 0 only */
    size_t n;
} stats_counts;

typedef struct {
    int year;
    long count;
} stats_year;

typedef struct {
    stats_year *items; /* sorted by year, counts > 0 only */
    size_t n;
} stats_years;

/* A rate num/den; null (no data) when den == 0. */
typedef struct {
    long num;
    long den;
} stats_rate;

typedef struct {
    const char *phase;
    stats_rate rate;
} stats_phase_rate;

typedef struct {
    const char *id;
    const char *title;
    long active;
    long total;
} stats_incubator;

typedef struct {
    int year;
    stats_counts by_status;
} stats_year_status;

typedef struct {
    const char *key;     /* normalised employer key */
    const char *display; /* most frequent spelling among active coaches */
    long count;
} stats_employer;

typedef struct {
    const char *promotion;
    int year; /* 0 when none */
    long projects;
    long fellows;
} stats_promotion;

typedef struct stats {
    vt_date as_of;
    struct {
        long total, active;
        stats_counts by_phase;
        stats_years launched_by_year;
        stats_years national_impact_by_year;
        long fast_laureates;
        stats_incubator *by_incubator; /* sorted by active desc, then id */
        size_t n_incubators;
        stats_rate perennisation;
        stats_phase_rate *open_source; /* one per by_phase entry, same order */
        stats_phase_rate *stats_page;
        /* The overview's headline of launches (not in metrics.md): from
         * July on, launched_by_year for as_of's year (so far); before,
         * the previous full year's, so that a year just begun never
         * headlines a 0. */
        int launched_headline_year;
        long launched_headline;
        /* Not in metrics.md, for the screens (why by_incubator's active
         * counts do not add up to active): active products with no
         * incubator, and with two or more (counted once per incubator). */
        long active_without_incubator, active_coincubated;
    } products;
    struct {
        long active;
        stats_counts by_domaine;
        stats_counts by_status;
        stats_year_status *new_by_year; /* sorted by year */
        size_t n_new_by_year;
        stats_rate retention_12m;
    } community;
    struct {
        long active_coaches;
        stats_employer *by_employer; /* sorted by key */
        size_t n_employers;
        long coached_products;
    } coaching;
    struct {
        long projects, fellows, mentors, administrations;
        stats_promotion *promotions; /* by year (none last), then name */
        size_t n_promotions;
        stats_counts by_profile; /* the fellows by profil: adds up to fellows */
        long fellows_in_several_promotions;
        /* Not in metrics.md, for the screens: fellows named only by défis
         * without a promotion (in fellows, in no promotion's). */
        long fellows_without_promotion;
    } eig;
    arena *arena;
} stats;

/* NULL only on allocation failure. */
stats *stats_compute(const model *m, vt_date as_of);
void stats_free(stats *s); /* accepts NULL */

/* Helpers the screens share. */
bool stats_phase_is_active(const char *phase);
/* A product's current phase at d (NULL when it does not exist at d). */
const model_phase *stats_current_phase(const model_product *p, vt_date d);
bool stats_mission_active(const model_mission *mi, vt_date t);
double stats_rate_value(stats_rate r); /* 0 when null */
bool stats_rate_is_null(stats_rate r);
long stats_counts_get(const stats_counts *c, const char *key);
long stats_years_get(const stats_years *y, int year);

/* The teams of the products at d. A member is on a product's team when
 * active at d and the product is named by one of their active missions or
 * by their top-level startups list (the rule of coached_products,
 * metrics.md). Fills, when not NULL:
 * - counts[i]: the team size of m->products[i] (an array of n_products);
 * - *incubator_members: the distinct members on the team of at least one
 *   product of incubator (an id; NULL: not counted).
 * False on allocation failure. */
bool stats_product_teams(const model *m, vt_date d, long *counts, const char *incubator,
                         long *incubator_members);
/* Whether product p is incubated (or co-incubated) by incubator id. */
bool stats_product_in_incubator(const model_product *p, const char *id);

/* One incubator's own figures (focus_incubator), at a date. */
#define STATS_ACTIVE_PHASE_COUNT 5
#define STATS_HEADLINE_FROM_MONTH 7 /* from July the year so far is headlined */
#define STATS_INCUBATOR_TOP 8       /* newest products, largest teams */
typedef struct {
    const char *id, *title; /* borrowed from the model; title: the id when none */
    long total, active;     /* its products, those in an active phase at d */
    long members;           /* distinct active members on its products (product teams) */
    long by_phase[STATS_ACTIVE_PHASE_COUNT]; /* active products, stats_active_phase order */
    size_t newest[STATS_INCUBATOR_TOP];      /* products (m->products index), newest first */
    size_t n_newest;
    size_t teams[STATS_INCUBATOR_TOP]; /* active products with a team, largest first */
    long team_size[STATS_INCUBATOR_TOP];
    size_t n_teams;
} stats_focus;

/* The active phases in lifecycle order: "investigation" ... "opere". */
const char *stats_active_phase(size_t i);
/* A product's first dated phase start (its creation); DATE_NONE when none. */
vt_date stats_product_created(const model_product *p);
/* Whether the data knows incubator id: in startups.json's "included", in
 * incubators.json, or named by a product. */
bool stats_incubator_known(const model *m, const char *id);
typedef enum { STATS_FOCUS_OK = 0, STATS_FOCUS_UNKNOWN, STATS_FOCUS_NOMEM } stats_focus_status;
/* Fills out for incubator id at d ("newest": products created at or before
 * d, most recent first). */
stats_focus_status stats_focus_compute(const model *m, vt_date d, const char *id, stats_focus *out);
/* Up to n known incubator ids closest to id (edit distance, then id order),
 * for an error message; returns how many were written. */
size_t stats_incubator_closest(const model *m, const char *id, const char **out, size_t n);

#endif
