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

/* One product as the spotlight shows it (strings borrowed). */
typedef struct {
    const char *name, *pitch, *phase, *incubators;
    vt_date phase_since, created;
} slides_products_spot;

bool slides_products_spotlight(canvas *c, const frame_input *in, const slides_products_spot *p);

#endif
