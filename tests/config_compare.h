/* config_compare.h: two kiosk settings compared field by field (padding
 * bytes left out), for the configuration's round-trip checks (tests/json,
 * tests/fuzz). */
#ifndef VITRINE_TEST_CONFIG_COMPARE_H
#define VITRINE_TEST_CONFIG_COMPARE_H

#include <stdbool.h>
#include <string.h>

#include "vitrine/config.h"

static inline bool same_kiosk(const config_kiosk *a, const config_kiosk *b)
{
    const playlist_config *p = &a->playlist, *q = &b->playlist;
    bool same = p->n_entries == q->n_entries && p->default_duration_ms == q->default_duration_ms &&
                p->transition_ms == q->transition_ms && p->transition == q->transition &&
                p->resume_after_ms == q->resume_after_ms &&
                p->pause_timeout_ms == q->pause_timeout_ms;
    for (size_t i = 0; same && i < p->n_entries; i++)
        same = strcmp(p->entries[i].name, q->entries[i].name) == 0 &&
               p->entries[i].duration_ms == q->entries[i].duration_ms &&
               p->entries[i].enabled == q->entries[i].enabled;
    const schedule_config *s = &a->schedule, *t = &b->schedule;
    same = same && s->enabled == t->enabled && s->shift_px == t->shift_px &&
           s->shift_period_ms == t->shift_period_ms && s->wake_ms == t->wake_ms &&
           memcmp(s->n_ranges, t->n_ranges, sizeof s->n_ranges) == 0;
    for (int d = 0; same && d < SCHEDULE_DAYS; d++)
        same = memcmp(s->ranges[d], t->ranges[d], (size_t)s->n_ranges[d] * sizeof **s->ranges) == 0;
    return same && a->allow_quit == b->allow_quit &&
           strcmp(a->display_off_cmd, b->display_off_cmd) == 0 &&
           strcmp(a->display_on_cmd, b->display_on_cmd) == 0 &&
           strcmp(a->focus_incubator, b->focus_incubator) == 0;
}

#endif
