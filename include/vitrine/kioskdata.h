/* kioskdata: the data the kiosk starts with, before any feed refresh:
 * --data DIR (local files, offline), or the bundled demo data when there is
 * no DIR or it cannot be read (logged), so the screen is never blank, with
 * its feedstate_set (datadir_feedstates) for the screens' footer badge. */
#ifndef VITRINE_KIOSKDATA_H
#define VITRINE_KIOSKDATA_H

#include "vitrine/datadir.h"
#include "vitrine/feedstate.h"
#include "vitrine/model.h"

/* dir may be NULL. Fails only when even the demo data cannot be built
 * (out of memory); then *out is NULL and err says why. */
datadir_status kioskdata_load(const char *dir, model **out, feedstate_set *fs,
                              char err[DATADIR_ERR_LEN]);

#endif
