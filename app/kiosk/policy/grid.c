/* grid: the columns that make the cells largest (every column count is
 * tried: n is at most GRID_MAX_CELLS), then plain arithmetic. */
#include "vitrine/grid.h"

/* Thumbnail width with cols columns, or 0 when nothing fits. */
static int width_for(size_t n, int cols, grid_rect area, int aw, int ah, int label_h, int gap)
{
    int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    int w = (area.w - (cols - 1) * gap) / cols;
    int h = (area.h - (rows - 1) * gap) / rows - label_h;
    if (w <= 0 || h <= 0)
        return 0;
    int w_from_h = (int)((long long)h * aw / ah);
    return w < w_from_h ? w : w_from_h;
}

grid_layout grid_plan(size_t n, grid_rect area, int aspect_w, int aspect_h, int label_h, int gap)
{
    grid_layout g = {0};
    if (n > GRID_MAX_CELLS)
        n = GRID_MAX_CELLS;
    if (n == 0 || area.w <= 0 || area.h <= 0 || aspect_w <= 0 || aspect_h <= 0)
        return g;
    int best_cols = 0, best_w = 0;
    for (int cols = 1; cols <= (int)n; cols++) {
        int w = width_for(n, cols, area, aspect_w, aspect_h, label_h, gap);
        if (w > best_w) /* ties keep fewer columns: fewer, larger rows read better */
            best_w = w, best_cols = cols;
    }
    if (best_w <= 0)
        return g;
    g.n = n;
    g.cols = best_cols;
    g.rows = (int)((n + (size_t)best_cols - 1) / (size_t)best_cols);
    g.cell_w = best_w;
    g.cell_h = (int)((long long)best_w * aspect_h / aspect_w);
    g.label_h = label_h;
    g.gap = gap;
    int grid_w = g.cols * g.cell_w + (g.cols - 1) * gap;
    int grid_h = g.rows * (g.cell_h + label_h) + (g.rows - 1) * gap;
    g.x = area.x + (area.w - grid_w) / 2;
    g.y = area.y + (area.h - grid_h) / 2;
    return g;
}

grid_rect grid_cell(const grid_layout *g, size_t i)
{
    if (i >= g->n)
        return (grid_rect){0, 0, 0, 0};
    int col = (int)(i % (size_t)g->cols), row = (int)(i / (size_t)g->cols);
    return (grid_rect){g->x + col * (g->cell_w + g->gap),
                       g->y + row * (g->cell_h + g->label_h + g->gap), g->cell_w, g->cell_h};
}

grid_rect grid_label(const grid_layout *g, size_t i)
{
    grid_rect c = grid_cell(g, i);
    if (c.w == 0)
        return c;
    return (grid_rect){c.x, c.y + c.h, c.w, g->label_h};
}

/* The last cell of column col (the last row may not reach it). */
static size_t column_bottom(const grid_layout *g, size_t col)
{
    size_t cols = (size_t)g->cols;
    size_t i = col + cols * (size_t)(g->rows - 1);
    return i < g->n ? i : i - cols;
}

size_t grid_move(const grid_layout *g, size_t i, grid_move_dir dir)
{
    if (g->n == 0)
        return i;
    size_t n = g->n, cols = (size_t)g->cols;
    if (i >= n)
        i = n - 1;
    switch (dir) {
    case GRID_LEFT: return (i + n - 1) % n;
    case GRID_RIGHT: return (i + 1) % n;
    case GRID_UP: return i >= cols ? i - cols : column_bottom(g, i);
    case GRID_DOWN: return i + cols < n ? i + cols : i % cols;
    }
    return i;
}
