/**
 * Per-RW indicators and what is built on them: GraphQL {@code rwIndicators} with its roll-ups, the KLEOPATRA layer
 * and choropleths ({@link id.ilpatlas.api.indicators.RwIndicatorController}), {@code indicatorSeries}
 * ({@link id.ilpatlas.api.indicators.IndicatorSeriesController}) and the monthly KIA-gizi review of a kecamatan
 * (GraphQL {@code kiaGiziReview}, CSV and HTML by {@link id.ilpatlas.api.indicators.KiaGiziReportController}).
 *
 * <p>{@link id.ilpatlas.api.indicators.RwIndicators} answers a region and period as the caller may see it: exact
 * counts inside the scope of a caller who reads exact aggregates, else the published, suppressed ones of
 * {@link id.ilpatlas.api.cases.aggregate.CaseCounts}. Each indicator has one definition
 * ({@link id.ilpatlas.api.indicators.RwIndicator} over {@link id.ilpatlas.api.indicators.Counted}), with exact
 * intervals and empirical-Bayes smoothing ({@link id.ilpatlas.api.indicators.RateSmoothing}, geo's statistics) and a
 * reason for every missing value ({@link id.ilpatlas.api.indicators.DataAvailability}). Calendar periods read the
 * summaries {@link id.ilpatlas.api.indicators.IndicatorRefresh} rebuilds after every import (table
 * {@code rw_indicator_summaries}, SQL function {@code rw_indicator_counts}, V10/V16/V28, and the hex heat with them);
 * classes and legends come from {@code id.ilpatlas.geo.classify}. No geometry leaves this package: areas are region
 * codes, the map draws them from the regions and tiles.
 */
package id.ilpatlas.api.indicators;
