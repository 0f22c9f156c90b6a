/* kioskdata: first data for the kiosk and its feedstate. */
#include "vitrine/kioskdata.h"

#include "vitrine/log.h"

datadir_status kioskdata_load(const char *dir, model **out, feedstate_set *fs,
                              char err[DATADIR_ERR_LEN])
{
    datadir_status st = DATADIR_FAILED;
    if (dir) {
        st = datadir_load(dir, out, err);
        if (st == DATADIR_OK)
            log_info("kiosk", "data from %s (offline)", dir);
        else
            log_error("kiosk", "%s; showing the demo data instead", err);
    }
    if (st != DATADIR_OK) {
        dir = NULL;
        st = datadir_load_demo(out, err);
        if (st == DATADIR_OK)
            log_info("kiosk", "demo data until feeds arrive");
    }
    if (st == DATADIR_OK)
        datadir_feedstates(dir, *out, fs);
    return st;
}
