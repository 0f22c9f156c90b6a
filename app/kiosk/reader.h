/* reader: the kiosk's reads of local files once its loop runs, on a thread
 * of their own: the configuration file again (SIGHUP) and --data DIR again
 * (R, SIGUSR1). The loop never waits on a disk (a slow SD card, a network
 * file system, a data dir of 30 MB to parse), and a read that does not
 * return holds back nothing but itself (SIGTERM's deadline ends the
 * program anyway: sigbridge.h). A request while a read of its kind is
 * waiting or running reads once more after it; the loop gets the newest
 * result. Each finished read posts an SDL event of the type given, then
 * calls wake. A parse of --data DIR holds the memory gate, as the fetch
 * thread's parses do (memgate.h), and so does a scan of the posters
 * (posters.h: decoding an image takes its size in memory for a moment).
 * SDL-side. */
#ifndef VITRINE_READER_H
#define VITRINE_READER_H

#include <SDL2/SDL.h>
#include <stdbool.h>

#include "vitrine/config.h"
#include "vitrine/datadir.h"
#include "vitrine/feedstate.h"
#include "vitrine/memgate.h"
#include "vitrine/model.h"
#include "vitrine/posters.h"

typedef enum { READER_CONFIG, READER_DATA_DIR, READER_POSTERS, READER_KINDS } reader_kind;

typedef void (*reader_wake_fn)(void *ctx);

typedef struct {
    const char *config_path; /* read on READER_CONFIG; NULL: config.h's search order */
    const char *data_dir;    /* read on READER_DATA_DIR; NULL: none */
    memgate *gate;           /* borrowed, may be NULL: held for each data dir's parse */
    Uint32 event_type;       /* posted after each read */
    reader_wake_fn wake;     /* then called with wake_ctx; may be NULL */
    void *wake_ctx;
} reader_options;

typedef struct reader reader;

/* The paths are copied. No thread yet: the first request starts it (or,
 * when none can be started, reads on the caller's thread, logged). NULL
 * when out of memory. */
reader *reader_new(const reader_options *opt);
/* Asks for a read of that kind (READER_CONFIG, READER_DATA_DIR); never
 * waits for one. */
void reader_request(reader *r, reader_kind kind);
/* Asks for a scan of the posters of kc's posters_dir ("": none) fitted to
 * w x h within kc's posters limits, done only when the folder's listing,
 * the size or the limits changed since the last scan (posters_signature):
 * no result otherwise. */
void reader_request_posters(reader *r, const config_kiosk *kc, int w, int h);
/* The newest posters scan, once: *p the caller's (free with
 * posters_free). False when none is waiting. */
bool reader_take_posters(reader *r, posters **p);
/* The newest configuration read, once: *c (then the caller's, to free;
 * NULL when out of memory), its status and the error line config_load
 * gave. False when none is waiting. */
bool reader_take_config(reader *r, config **c, config_status *st, char err[CONFIG_ERR_LEN]);
/* The newest --data DIR read, once: *m (then the caller's) and *fs, or *m
 * NULL and err saying why. False when none is waiting. */
bool reader_take_data(reader *r, model **m, feedstate_set *fs, char err[DATADIR_ERR_LEN]);
/* Stops the thread after the read in progress; accepts NULL. */
void reader_free(reader *r);

#endif
