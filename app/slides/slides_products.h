/* slides_products: the product slides (overview, phases, launches,
 * incubators, quality standards) and the product spotlight. Each builder
 * draws one slide on c and returns false when the data has nothing to show. */
#ifndef VITRINE_SLIDES_PRODUCTS_H
#define VITRINE_SLIDES_PRODUCTS_H

#include <stdbool.h>

#include "canvas.h"
#include "frame.h"

bool slides_products_overview(canvas *c, const frame_input *in);
bool slides_products_phases(canvas *c, const frame_input *in);
bool slides_products_launches(canvas *c, const frame_input *in);
bool slides_products_incubators(canvas *c, const frame_input *in);
bool slides_products_quality(canvas *c, const frame_input *in);

#define SLIDES_SPOT_URL "https://beta.gouv.fr/startups/%s.html" /* a product's page */

/* One product as the spotlight shows it (strings and phases borrowed). */
typedef struct {
    const char *id, *name, *pitch, *phase, *incubators;
    const char *sponsors;      /* formatted names, "" when none */
    long team;                 /* active members on the product (stats_product_teams) */
    const model_phase *phases; /* dated phases, oldest first */
    size_t n_phases;
    vt_date phase_since, created;
} slides_products_spot;

/* A phase's French name: "acceleration" -> "Accélération". */
const char *slides_products_phase_label(const char *phase);

/* A sponsor's slug as people read it: "anct" -> "ANCT", "francetravail"
 * -> "France Travail", "office-francais-de-la-biodiversite" -> "Office
 * francais de la biodiversite". */
void slides_products_sponsor(const char *slug, char *out, size_t outsz);

bool slides_products_spotlight(canvas *c, const frame_input *in, const slides_products_spot *p);

#endif
