package dev.streamscope.app.streams;

/**
 * An ordinary least-squares line through points (x, y) with its coefficient of determination.
 *
 * @param slope change of y per unit of x
 * @param intercept y at x = 0
 * @param r2 the share of y's variance the line explains, 0 to 1; 0 when y does not vary (a flat line explains
 *     nothing worth flagging)
 */
record LinearFit(double slope, double intercept, double r2) {

    /** Fits {@code count} points from offset {@code from}; x must vary. */
    static LinearFit of(double[] x, double[] y, int from, int count) {
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < from + count; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= count;
        meanY /= count;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = from; i < from + count; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x does not vary");
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        return new LinearFit(slope, meanY - slope * meanX, r2);
    }

    double at(double x) {
        return intercept + slope * x;
    }
}
