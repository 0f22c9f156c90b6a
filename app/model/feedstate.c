/* feedstate: names and summaries of per-feed freshness. */
#include "vitrine/feedstate.h"

const char *feedstate_kind_name(feedstate_kind k)
{
    switch (k) {
    case FEEDSTATE_MISSING: return "missing";
    case FEEDSTATE_FRESH: return "fresh";
    case FEEDSTATE_STALE: return "stale";
    case FEEDSTATE_FAILING: return "failing";
    case FEEDSTATE_OFFLINE: return "offline";
    case FEEDSTATE_DEMO: return "demo";
    case FEEDSTATE_BUNDLED: return "bundled";
    case FEEDSTATE_HELD: return "held";
    }
    return "?";
}

static int64_t oldest_of(const feedstate_set *s, unsigned mask, bool bundled)
{
    int64_t oldest = 0;
    for (int f = 0; f < FEED_COUNT; f++) {
        const feedstate *fs = &s->feeds[f];
        if ((mask & FEEDSTATE_MASK(f)) && fs->kind != FEEDSTATE_MISSING &&
            (fs->kind == FEEDSTATE_BUNDLED) == bundled && fs->data_time > 0 &&
            (oldest == 0 || fs->data_time < oldest))
            oldest = fs->data_time;
    }
    return oldest;
}

int64_t feedstate_oldest(const feedstate_set *s, unsigned mask)
{
    int64_t live = oldest_of(s, mask, false);
    return live ? live : oldest_of(s, mask, true);
}

static int severity(feedstate_kind k)
{
    switch (k) {
    case FEEDSTATE_DEMO: return 6;
    case FEEDSTATE_FAILING: return 5;
    case FEEDSTATE_HELD: return 4;
    case FEEDSTATE_STALE: return 3;
    case FEEDSTATE_OFFLINE: return 2;
    case FEEDSTATE_FRESH:
    case FEEDSTATE_BUNDLED: return 1;
    default: return 0;
    }
}

feedstate_kind feedstate_worst(const feedstate_set *s, unsigned mask)
{
    feedstate_kind worst = FEEDSTATE_MISSING;
    for (int f = 0; f < FEED_COUNT; f++)
        if ((mask & FEEDSTATE_MASK(f)) && severity(s->feeds[f].kind) > severity(worst))
            worst = s->feeds[f].kind;
    return worst;
}
