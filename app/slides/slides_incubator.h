/* slides_incubator: the slides of the focus incubator (focus_incubator),
 * for a lobby of the network that shows its own products: its active
 * products by phase with its figures, its teams, its newest products.
 * Figures come from stats_focus only. */
#ifndef VITRINE_SLIDES_INCUBATOR_H
#define VITRINE_SLIDES_INCUBATOR_H

#include <stdbool.h>

#include "canvas.h"
#include "frame.h"

bool slides_incubator_phases(canvas *c, const frame_input *in, const stats_focus *f);
bool slides_incubator_teams(canvas *c, const frame_input *in, const stats_focus *f);
bool slides_incubator_newest(canvas *c, const frame_input *in, const stats_focus *f);

#endif
