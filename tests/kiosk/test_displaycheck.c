/* test_displaycheck: which video drivers count as "nothing on the screen"
 * and the one line that says why no display opened, on a temp directory
 * standing for /dev/dri (missing, empty, a card node this user may or may
 * not open). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "displaycheck.h"
#include "test.h"

static void invisible_drivers(void)
{
    CHECK(displaycheck_invisible("offscreen", NULL));
    CHECK(displaycheck_invisible("dummy", ""));
    CHECK(!displaycheck_invisible("offscreen", "offscreen")); /* asked for */
    CHECK(!displaycheck_invisible("dummy", "dummy"));
    CHECK(!displaycheck_invisible("x11", NULL));
    CHECK(!displaycheck_invisible("KMSDRM", NULL));
    CHECK(!displaycheck_invisible("wayland", NULL));
    CHECK(!displaycheck_invisible(NULL, NULL));
    CHECK(displaycheck_invisible("offscreen", "kmsdrm")); /* asked for another one */
    CHECK(!displaycheck_invisible("offscreen", "kmsdrm,offscreen"));
    CHECK(!displaycheck_invisible("dummy", "x11,DUMMY"));
    CHECK(displaycheck_invisible("offscreen", "offscreenx"));
}

static void explains_what_was_tried(void)
{
    char dir[64], card[96], line[DISPLAYCHECK_LINE_LEN];
    snprintf(dir, sizeof dir, "/tmp/vitrine-dri-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(card, sizeof card, "%s/card0", dir);
    CHECK(unsetenv("DISPLAY") == 0 && setenv("WAYLAND_DISPLAY", "wayland-9", 1) == 0);

    displaycheck_explain("/nonexistent/dri", line);
    CHECK(strstr(line, "DISPLAY is not set") != NULL);
    CHECK(strstr(line, "WAYLAND_DISPLAY=wayland-9 did not open") != NULL);
    CHECK(strstr(line, "no /nonexistent/dri (no KMS/DRM driver loaded)") != NULL);
    CHECK(strstr(line, "group") == NULL); /* not a permission problem */

    displaycheck_explain(dir, line);
    CHECK(strstr(line, "/card* device") != NULL);

    FILE *f = fopen(card, "w");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    CHECK(chmod(card, 0) == 0);
    displaycheck_explain(dir, line);
    if (geteuid() == 0) /* root opens it anyway */
        CHECK(strstr(line, "card0 opens but KMS/DRM found no usable screen") != NULL);
    else
        CHECK(strstr(line, "card0: Permission denied") != NULL);
    CHECK(strchr(line, '\n') == NULL);
    unlink(card);
    rmdir(dir);
}

int main(void)
{
    RUN(invisible_drivers);
    RUN(explains_what_was_tried);
    return test_report();
}
