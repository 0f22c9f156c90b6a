/* fuzz_cli: cli_parse on an argv cut from the input at NUL bytes. Whatever
 * the arguments, the parser returns a status, an error names the problem,
 * and accepted options are within their documented ranges. */
#include <string.h>

#include "fuzz.h"
#include "vitrine/cli.h"

#define FUZZ_CLI_MAX_ARGS 32 /* argv entries cut from one input */

static void check_options(const cli_options *o)
{
    FUZZ_CHECK(o->mode >= CLI_MODE_KIOSK && o->mode <= CLI_MODE_VERSION);
    FUZZ_CHECK(o->mode != CLI_MODE_RENDER || (o->render_dir && *o->render_dir));
    FUZZ_CHECK(!o->data_dir || (*o->data_dir && o->offline));
    FUZZ_CHECK(!o->config || *o->config);
    FUZZ_CHECK(o->now == DATE_NONE || date_from_ymd(date_year(o->now), 1, 1) != DATE_NONE);
    FUZZ_CHECK((o->width == 0) == (o->height == 0));
    FUZZ_CHECK(o->width >= 0 && o->height >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* One NUL-terminated copy: the arguments point into it. */
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[FUZZ_CLI_MAX_ARGS + 2] = {"vitrine"};
    int argc = 1;
    for (size_t at = 0; at < size && argc <= FUZZ_CLI_MAX_ARGS; at += strlen(text + at) + 1)
        argv[argc++] = text + at;

    cli_options opt;
    char err[CLI_ERR_LEN];
    memset(err, 'x', sizeof err); /* catches a missing terminator */
    cli_status st = cli_parse(argc, argv, &opt, err);
    FUZZ_CHECK(memchr(err, '\0', sizeof err) != NULL);
    if (st == CLI_OK)
        check_options(&opt);
    else
        FUZZ_CHECK(st == CLI_ERROR && err[0] != '\0');
    FUZZ_CHECK(strlen(cli_usage()) > 0);
    free(text);
    return 0;
}
