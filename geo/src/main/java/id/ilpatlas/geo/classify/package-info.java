/**
 * Choropleth classification: splitting the values of a thematic map (one value per area, e.g. the
 * stunting prevalence of every RW) into {@code n} ordered classes, as DHIS2's thematic layer does,
 * with {@link id.ilpatlas.geo.classify.ClassBreaks.Method#QUANTILE quantiles}, {@link
 * id.ilpatlas.geo.classify.ClassBreaks.Method#EQUAL_INTERVAL equal intervals} or {@link
 * id.ilpatlas.geo.classify.ClassBreaks.Method#NATURAL_BREAKS natural breaks} (exact Fisher-Jenks), and a
 * sequential colour ramp ({@link id.ilpatlas.geo.classify.ColorRamp}). No geometry here: values only.
 */
package id.ilpatlas.geo.classify;
