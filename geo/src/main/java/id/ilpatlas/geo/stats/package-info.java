/**
 * Small-area statistics, framework-free: exact confidence intervals for a count ({@link
 * id.ilpatlas.geo.stats.PoissonInterval}, Garwood 1936) and for a proportion ({@link
 * id.ilpatlas.geo.stats.ProportionInterval}, Clopper–Pearson 1934), and Marshall's (1991) empirical-Bayes
 * rate smoothers, global and local ({@link id.ilpatlas.geo.stats.EmpiricalBayes}, as PySAL esda implements
 * them).
 *
 * <p>Counts and intervals are of the count (or of the proportion in [0, 1]); a caller scales a Poisson
 * interval by its own denominator (per 100,000 population, per 1,000 live births). Rates passed to and
 * returned by {@link id.ilpatlas.geo.stats.EmpiricalBayes} are events per unit of population (per person),
 * never pre-multiplied.
 *
 * <p>The special functions (log-gamma, regularized incomplete gamma and beta) are computed here to about
 * 1e-14 relative and inverted by bisection to about 1e-12 relative; tests pin them to published values
 * (R, esda) and to an independent summation of Poisson and binomial terms.
 */
package id.ilpatlas.geo.stats;
