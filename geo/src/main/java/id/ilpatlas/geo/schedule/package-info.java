/**
 * Recurring posyandu sessions: "the n-th (or last) weekday of each month, from a start time to an end
 * time", the dates they fall on, and English/Indonesian descriptions.
 *
 * <p>Dates and times are local wall-clock values ({@link java.time.LocalDate}, {@link
 * java.time.LocalTime}) in the posyandu's own time zone; nothing here converts between zones.
 * Descriptions use hard-coded day names and {@link java.util.Locale#ROOT} formatting, so they do not
 * depend on the JVM's default locale.
 */
package id.ilpatlas.geo.schedule;
