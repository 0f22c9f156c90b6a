/* main: wires the modules together for each mode. No logic of its own. */
#include <stdio.h>
#include <stdlib.h>

#include "vitrine/cli.h"
#include "vitrine/datadir.h"
#include "vitrine/export.h"
#include "vitrine/log.h"
#include "vitrine/stats.h"
#include "vitrine/statsjson.h"

enum { EXIT_BAD_INPUT = 2, EXIT_DEMO = 3 };

static int dump_stats(const cli_options *opt)
{
    char err[DATADIR_ERR_LEN];
    model *m = NULL;
    if (!opt->data_dir) {
        fprintf(stderr, "vitrine: --dump-stats needs --data DIR\n");
        return EXIT_BAD_INPUT;
    }
    if (datadir_load(opt->data_dir, &m, err) != DATADIR_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    vt_date now = opt->now != DATE_NONE ? opt->now : date_today();
    stats *s = stats_compute(m, now);
    char *json = s ? statsjson_print(s) : NULL;
    int rc = EXIT_SUCCESS;
    if (json) {
        fputs(json, stdout);
        fputc('\n', stdout);
    } else {
        fprintf(stderr, "vitrine: out of memory computing statistics\n");
        rc = EXIT_FAILURE;
    }
    free(json);
    stats_free(s);
    model_free(m);
    return rc;
}

enum { RENDER_DEFAULT_W = 1920, RENDER_DEFAULT_H = 1080 };

/* --render-slides: the data (a data dir, else the embedded demo) with its
 * feed states, then the PNG export. Prints one summary line on stdout. */
static int render_slides(const cli_options *opt)
{
    char err[EXPORT_ERR_LEN];
    model *m = NULL;
    feedstate_set fs;
    if (opt->config) {
        fprintf(stderr, "vitrine: --render-slides reads --data DIR or the demo data; "
                        "--config is not supported in this mode yet\n");
        return EXIT_BAD_INPUT;
    }
    datadir_status st =
        opt->data_dir ? datadir_load(opt->data_dir, &m, err) : datadir_load_demo(&m, err);
    if (st != DATADIR_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return st == DATADIR_NOMEM ? EXIT_FAILURE : EXIT_BAD_INPUT;
    }
    datadir_feedstates(opt->data_dir, m, &fs);
    vt_date now = opt->now != DATE_NONE ? opt->now : date_today();
    stats *s = stats_compute(m, now);
    int w = opt->width ? opt->width : RENDER_DEFAULT_W,
        h = opt->height ? opt->height : RENDER_DEFAULT_H;
    export_report rep;
    int rc = EXIT_SUCCESS;
    if (!s) {
        fprintf(stderr, "vitrine: out of memory computing statistics\n");
        rc = EXIT_FAILURE;
    } else if (!export_slides(m, s, &fs, now, w, h, opt->render_dir, &rep, err)) {
        fprintf(stderr, "vitrine: %s\n", err);
        rc = EXIT_FAILURE;
    } else {
        printf("vitrine: wrote %zu of %zu slides (%dx%d) to %s, %zu layout problem(s), "
               "smallest text %d px\n",
               rep.written, rep.slides, w, h, opt->render_dir, rep.overflows, rep.smallest_px);
    }
    stats_free(s);
    model_free(m);
    return rc;
}

int main(int argc, char **argv)
{
    cli_options opt;
    char err[CLI_ERR_LEN];
    if (cli_parse(argc, argv, &opt, err) != CLI_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    if (opt.verbose)
        log_set_level(LOG_DEBUG);
    switch (opt.mode) {
    case CLI_MODE_HELP: fputs(cli_usage(), stdout); return EXIT_SUCCESS;
    case CLI_MODE_VERSION: printf("vitrine %s\n", VITRINE_VERSION); return EXIT_SUCCESS;
    case CLI_MODE_DUMP_STATS: return dump_stats(&opt);
    case CLI_MODE_RENDER: return render_slides(&opt);
    default:
        fprintf(stderr, "vitrine: this mode is not available in this build\n");
        return EXIT_BAD_INPUT;
    }
}
