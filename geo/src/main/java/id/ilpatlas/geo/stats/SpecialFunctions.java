package id.ilpatlas.geo.stats;

import java.util.function.DoubleUnaryOperator;

/**
 * Log-gamma (Lanczos, g = 7, 9 terms), the regularized incomplete gamma P(a, x) and Q(a, x) (series and
 * continued fraction, Numerical Recipes 3rd ed. §6.2 with modified Lentz) and the regularized incomplete beta
 * I<sub>x</sub>(a, b) (continued fraction, §6.4), and a bisection root finder for monotone functions.
 */
final class SpecialFunctions {

    private static final double EPS = 1e-15;
    private static final double FPMIN = Double.MIN_NORMAL / EPS;
    private static final int MAX_ITERATIONS = 1_000_000;
    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {}

    /** ln Γ(x) for x &gt; 0. */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) { // reflection keeps the Lanczos sum accurate: Γ(x)Γ(1−x) = π / sin(πx)
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), a &gt; 0, x ≥ 0. */
    static double gammaP(double a, double x) {
        checkGamma(a, x);
        if (x == 0) {
            return 0;
        }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
    }

    /** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), a &gt; 0, x ≥ 0. */
    static double gammaQ(double a, double x) {
        checkGamma(a, x);
        if (x == 0) {
            return 1;
        }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
    }

    private static void checkGamma(double a, double x) {
        if (!(a > 0) || !(x >= 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("incomplete gamma needs a > 0 and x >= 0, got a=" + a + ", x=" + x);
        }
    }

    private static double gammaSeries(double a, double x) {
        double ap = a;
        double del = 1 / a;
        double sum = del;
        for (int n = 0; n < MAX_ITERATIONS; n++) {
            ap++;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * EPS) {
                return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
            }
        }
        throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
    }

    private static double gammaContinuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / FPMIN;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = 1 / awayFromZero(an * d + b);
            c = awayFromZero(b + an / c);
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
            }
        }
        throw new ArithmeticException("incomplete gamma continued fraction did not converge for a=" + a + ", x=" + x);
    }

    /** Regularized incomplete beta I<sub>x</sub>(a, b), a, b &gt; 0, 0 ≤ x ≤ 1. */
    static double betaI(double a, double b, double x) {
        if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException(
                    "incomplete beta needs a, b > 0 and 0 <= x <= 1, got a=" + a + ", b=" + b + ", x=" + x);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(a, b, x) / a;
        }
        return 1 - front * betaContinuedFraction(b, a, 1 - x) / b;
    }

    private static double betaContinuedFraction(double a, double b, double x) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 / awayFromZero(1 - qab * x / qap);
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / awayFromZero(1 + aa * d);
            c = awayFromZero(1 + aa / c);
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / awayFromZero(1 + aa * d);
            c = awayFromZero(1 + aa / c);
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                return h;
            }
        }
        throw new ArithmeticException(
                "incomplete beta continued fraction did not converge for a=" + a + ", b=" + b + ", x=" + x);
    }

    /**
     * The modified Lentz step's guard shared by both continued fractions: a denominator or numerator
     * term that is (nearly) zero becomes {@code FPMIN}, so that the next division stays finite.
     */
    private static double awayFromZero(double v) {
        return Math.abs(v) < FPMIN ? FPMIN : v;
    }

    /**
     * The root of an increasing {@code f} in [lo, hi] with f(lo) ≤ 0 ≤ f(hi), by bisection until the bracket is
     * 1e-15 of its upper end wide (or the two ends are adjacent doubles).
     */
    static double bisect(DoubleUnaryOperator f, double lo, double hi) {
        for (int i = 0; i < 5000; i++) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi || hi - lo <= 1e-15 * Math.abs(hi)) {
                break;
            }
            if (f.applyAsDouble(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + (hi - lo) / 2;
    }
}
