/* slides_people: the community slides (domaines, statuses and retention,
 * newcomers per year) and the coaching slides (coaches and their employers,
 * the interministerial market, the InserJeunes budget). Each builder returns
 * false when the data has nothing to show. */
#ifndef VITRINE_SLIDES_PEOPLE_H
#define VITRINE_SLIDES_PEOPLE_H

#include <stdbool.h>

#include "canvas.h"
#include "frame.h"

bool slides_people_domains(canvas *c, const frame_input *in);
bool slides_people_statuses(canvas *c, const frame_input *in);
bool slides_people_newcomers(canvas *c, const frame_input *in);
bool slides_people_coaching(canvas *c, const frame_input *in);
bool slides_people_market(canvas *c, const frame_input *in);
bool slides_people_budget(canvas *c, const frame_input *in);

#endif
