/* kioskdata: first data for the kiosk and its feedstate. */
#include "vitrine/kioskdata.h"

#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "vitrine/fileio.h"
#include "vitrine/log.h"

void kioskdata_state(const model *m, const char *dir, feedstate_set *fs)
{
    memset(fs, 0, sizeof *fs);
    for (int f = 0; f < FEED_COUNT; f++) {
        feedstate *s = &fs->feeds[f];
        if (!m->loaded[f]) {
            s->kind = FEEDSTATE_MISSING;
        } else if (m->demo[f] || !dir) {
            s->kind = FEEDSTATE_DEMO;
        } else {
            char path[PATH_MAX];
            struct stat st;
            s->kind = FEEDSTATE_OFFLINE;
            if (fileio_join(path, sizeof path, dir, model_feed_relpath((feed_id)f)) &&
                stat(path, &st) == 0)
                s->data_time = (int64_t)st.st_mtime;
        }
    }
}

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
        kioskdata_state(*out, dir, fs);
    return st;
}
