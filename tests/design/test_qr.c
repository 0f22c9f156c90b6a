/* qr: libqrencode's symbol as the slides draw it: the size of a version,
 * the three finder patterns where the standard puts them, the quiet zone
 * counted in the side, whole pixels a module, and the refusals. */
#include <string.h>

#include "test.h"
#include "vitrine/qr.h"

/* A finder pattern: 7x7, dark ring, light ring, dark 3x3 centre. */
static bool finder_at(const qr *q, int x0, int y0)
{
    for (int y = 0; y < 7; y++)
        for (int x = 0; x < 7; x++) {
            bool ring = x == 0 || y == 0 || x == 6 || y == 6;
            bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (qr_dark(q, x0 + x, y0 + y) != (ring || centre))
                return false;
        }
    return true;
}

static void a_product_url(void)
{
    char err[QR_ERR_LEN];
    qr *q = qr_new("https://beta.gouv.fr/startups/urbanvitaliz.html", err);
    CHECK(q != NULL);
    if (!q)
        return;
    int n = qr_modules(q);
    CHECK((n - 17) % 4 == 0 && n >= 21); /* 17 + 4 x version */
    CHECK_INT(n, 33);                    /* 47 bytes at level M: version 4 */
    CHECK_INT(qr_side_modules(q), n + 2 * QR_QUIET_MODULES);
    CHECK(finder_at(q, 0, 0));
    CHECK(finder_at(q, n - 7, 0));
    CHECK(finder_at(q, 0, n - 7));
    CHECK(!finder_at(q, n - 7, n - 7));             /* no fourth one */
    CHECK(!qr_dark(q, -1, 0) && !qr_dark(q, n, 0)); /* outside: light */
    CHECK_INT(qr_module_px(q, 287.0f), 7);          /* 41 modules in 287 px */
    CHECK_INT(qr_module_px(q, 40.0f), 0);
    qr_free(q);
}

static void refusals(void)
{
    char err[QR_ERR_LEN], big[QR_MAX_TEXT + 2];
    CHECK(qr_new("", err) == NULL);
    CHECK(strstr(err, "0 bytes") != NULL);
    CHECK(qr_new(NULL, err) == NULL);
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(qr_new(big, err) == NULL);
    CHECK(strstr(err, "513 bytes") != NULL);
    qr_free(NULL);
}

int main(void)
{
    RUN(a_product_url);
    RUN(refusals);
    return test_report();
}
