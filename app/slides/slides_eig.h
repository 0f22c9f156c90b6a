/* slides_eig: the Entrepreneurs d'intérêt général programme: key figures,
 * promotions, profiles; and the programme's published figures (local data,
 * shown as published with their source, never as computed). */
#ifndef VITRINE_SLIDES_EIG_H
#define VITRINE_SLIDES_EIG_H

#include <stdbool.h>

#include "canvas.h"
#include "frame.h"

#define SLIDES_EIG_PUBLISHED_MAX 6 /* figures on a published-figures slide; more are logged */

bool slides_eig(canvas *c, const frame_input *in);
bool slides_eig_promotions(canvas *c, const frame_input *in);
bool slides_eig_profiles(canvas *c, const frame_input *in);
/* Published figures of a group ("eig", "certification") from local data. */
bool slides_eig_published(canvas *c, const frame_input *in, const char *group);

#endif
