/* test_grid: the overview's layout (largest cells, centred, inside the
 * area, never overlapping) and the selection's moves with wrapping. */
#include "test.h"
#include "vitrine/grid.h"

static int inside(grid_rect outer, grid_rect r)
{
    return r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w &&
           r.y + r.h <= outer.y + outer.h;
}

static int overlap(grid_rect a, grid_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void check_layout(size_t n, grid_rect area, int aw, int ah)
{
    grid_layout g = grid_plan(n, area, aw, ah, 30, 16);
    CHECK_INT(g.n, n);
    CHECK((size_t)(g.cols * g.rows) >= n);
    CHECK((size_t)(g.cols * (g.rows - 1)) < n); /* no empty row */
    for (size_t i = 0; i < n; i++) {
        grid_rect c = grid_cell(&g, i), l = grid_label(&g, i);
        CHECK(inside(area, c));
        CHECK(inside(area, l));
        CHECK_INT(l.y, c.y + c.h);
        CHECK(c.w * ah <= (c.h + 1) * aw && (c.w + 1) * ah >= c.h * aw); /* the slides' shape */
        for (size_t j = 0; j < i; j++) {
            CHECK(!overlap(c, grid_cell(&g, j)));
            CHECK(!overlap(l, grid_cell(&g, j)));
        }
    }
}

static void test_layouts_fit_and_never_overlap(void)
{
    grid_rect land = {20, 80, 1240, 620}, port = {0, 100, 1080, 1780};
    for (size_t n = 1; n <= GRID_MAX_CELLS; n++) {
        check_layout(n, land, 16, 9);
        check_layout(n, port, 9, 16);
    }
}

static void test_largest_cells_centred(void)
{
    grid_rect area = {0, 0, 1280, 720};
    grid_layout g = grid_plan(1, area, 16, 9, 0, 0);
    CHECK_INT(g.cols, 1);
    CHECK_INT(g.cell_w, 1280);
    CHECK_INT(g.cell_h, 720);
    g = grid_plan(4, area, 16, 9, 0, 0);
    CHECK_INT(g.cols, 2);
    CHECK_INT(g.rows, 2);
    CHECK_INT(g.cell_w, 640);
    g = grid_plan(12, area, 16, 9, 20, 10);
    CHECK_INT(g.cols, 4);
    CHECK_INT(g.rows, 3);
    /* centred: the same margin on both sides */
    grid_rect first = grid_cell(&g, 0), last = grid_cell(&g, 3);
    CHECK(first.x - area.x - (area.x + area.w - last.x - last.w) <= 1);
    CHECK(first.x - (area.x + area.w - last.x - last.w) >= -1);
    /* 23 slides at 1280x720 (the real deck with its team pages) */
    g = grid_plan(23, (grid_rect){32, 90, 1216, 610}, 16, 9, 30, 14);
    CHECK_INT(g.cols * g.rows >= 23, 1);
    CHECK(g.cell_w >= 180);
}

static void test_degenerate(void)
{
    grid_layout g = grid_plan(0, (grid_rect){0, 0, 100, 100}, 16, 9, 0, 0);
    CHECK_INT(g.n, 0);
    CHECK_INT(grid_move(&g, 0, GRID_RIGHT), 0);
    CHECK_INT(grid_cell(&g, 0).w, 0);
    g = grid_plan(5, (grid_rect){0, 0, 0, 100}, 16, 9, 0, 0);
    CHECK_INT(g.n, 0);
    g = grid_plan(5, (grid_rect){0, 0, 100, 10}, 16, 9, 20, 0); /* labels taller than the area */
    CHECK_INT(g.n, 0);
    g = grid_plan(GRID_MAX_CELLS + 10, (grid_rect){0, 0, 1920, 1080}, 16, 9, 10, 4);
    CHECK_INT(g.n, GRID_MAX_CELLS);
    CHECK_INT(grid_cell(&g, GRID_MAX_CELLS).w, 0);
}

static void test_moves_wrap(void)
{
    /* 10 cells in 4 columns: rows 0-3, 4-7, 8-9 */
    grid_layout g = {.n = 10, .cols = 4, .rows = 3, .cell_w = 10, .cell_h = 10};
    CHECK_INT(grid_move(&g, 0, GRID_RIGHT), 1);
    CHECK_INT(grid_move(&g, 3, GRID_RIGHT), 4); /* reading order */
    CHECK_INT(grid_move(&g, 9, GRID_RIGHT), 0);
    CHECK_INT(grid_move(&g, 0, GRID_LEFT), 9);
    CHECK_INT(grid_move(&g, 4, GRID_LEFT), 3);
    CHECK_INT(grid_move(&g, 1, GRID_DOWN), 5);
    CHECK_INT(grid_move(&g, 5, GRID_DOWN), 9);
    CHECK_INT(grid_move(&g, 9, GRID_DOWN), 1); /* round the column */
    CHECK_INT(grid_move(&g, 6, GRID_DOWN), 2); /* no cell under it: back to the top */
    CHECK_INT(grid_move(&g, 5, GRID_UP), 1);
    CHECK_INT(grid_move(&g, 1, GRID_UP), 9);
    CHECK_INT(grid_move(&g, 2, GRID_UP), 6); /* the column's last cell */
    CHECK_INT(grid_move(&g, 3, GRID_UP), 7);
    CHECK_INT(grid_move(&g, 42, GRID_RIGHT), 0); /* out of range: from the last */
    grid_layout one = {.n = 1, .cols = 1, .rows = 1};
    for (int d = GRID_LEFT; d <= GRID_DOWN; d++)
        CHECK_INT(grid_move(&one, 0, (grid_move_dir)d), 0);
}

int main(void)
{
    RUN(test_layouts_fit_and_never_overlap);
    RUN(test_largest_cells_centred);
    RUN(test_degenerate);
    RUN(test_moves_wrap);
    return test_report();
}
