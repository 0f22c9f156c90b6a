/* cli: command-line options of the vitrine executable. Parsing only: no
 * side effects, so it is unit-tested. */
#ifndef VITRINE_CLI_H
#define VITRINE_CLI_H

#include <stdbool.h>

#include "vitrine/date.h"

#define CLI_ERR_LEN 256

typedef enum {
    CLI_MODE_KIOSK = 0,    /* default: full-screen slideshow */
    CLI_MODE_DUMP_STATS,   /* --dump-stats */
    CLI_MODE_RENDER,       /* --render-slides DIR */
    CLI_MODE_CHECK_CONFIG, /* --check-config */
    CLI_MODE_STATUS,       /* --status: the running kiosk's status file */
    CLI_MODE_ACCEPT,       /* --accept FEED: the feed's held body becomes its last good copy */
    CLI_MODE_HELP,
    CLI_MODE_VERSION
} cli_mode;

typedef struct {
    cli_mode mode;
    const char *data_dir;   /* --data DIR: read a data dir, implies offline */
    const char *config;     /* --config FILE */
    const char *render_dir; /* --render-slides DIR */
    const char *accept;     /* --accept FEED: the feed's name (checked by the caller) */
    vt_date now;            /* --now YYYY-MM-DD; DATE_NONE: today */
    int now_minute;         /* --now YYYY-MM-DDTHH:MM: its minute of the day; -1: none */
    int width, height;      /* --size WxH; 0: native / default */
    bool offline;           /* --offline */
    bool windowed;          /* --windowed */
    bool verbose;           /* --verbose */
} cli_options;

typedef enum { CLI_OK = 0, CLI_ERROR } cli_status;

/* argv[0] is skipped. On error, err holds one line naming the option. */
cli_status cli_parse(int argc, char **argv, cli_options *opt, char err[CLI_ERR_LEN]);
/* The --help text. */
const char *cli_usage(void);

#endif
