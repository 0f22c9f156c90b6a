/* spotlight: which active product the "produit à la une" slide shows at each
 * cycle. Deterministic in (date, cycle): the same day replays the same
 * sequence, consecutive cycles visit every candidate once before any repeats,
 * and each day starts at a different place. Plain C, no SDL. */
#ifndef VITRINE_SPOTLIGHT_H
#define VITRINE_SPOTLIGHT_H

#include <stddef.h>

#include "vitrine/date.h"

/* Index in [0, n) for this cycle; 0 when n == 0. */
size_t spotlight_index(size_t n, vt_date today, unsigned long cycle);

#endif
