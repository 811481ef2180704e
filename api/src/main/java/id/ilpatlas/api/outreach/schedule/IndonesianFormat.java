package id.ilpatlas.api.outreach.schedule;

import id.ilpatlas.api.outreach.OutreachPlanStatus;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates, times and decimals as Indonesians write them, with explicit {@code Locale("id", "ID")} patterns (never the
 * JVM's default locale): {@code Senin, 7 Desember 2026}, {@code Desember 2026}, times to the minute with a period
 * ({@code 08.00}, the notation of the Indonesian spelling rules, PUEBI, as the posyandu session descriptions already
 * use), decimals with a comma ({@code 1,25}).
 */
public final class IndonesianFormat {

    /** Indonesian as written in Indonesia. */
    public static final Locale ID = new Locale("id", "ID");

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", ID);
    private static final DateTimeFormatter DAY_NAME = DateTimeFormatter.ofPattern("EEEE", ID);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", ID);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH.mm", ID);

    private IndonesianFormat() {}

    /** {@code Senin, 7 Desember 2026}. */
    public static String longDate(LocalDate date) {
        return LONG_DATE.format(date);
    }

    /** {@code Senin}. */
    public static String dayName(LocalDate date) {
        return DAY_NAME.format(date);
    }

    /** {@code Desember 2026}. */
    public static String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** {@code 08.00}: to the minute (seconds dropped). */
    public static String time(LocalTime time) {
        return TIME.format(time);
    }

    /** {@code 08.00–10.00}. */
    public static String timeRange(LocalTime from, LocalTime to) {
        return time(from) + "\u2013" + time(to);
    }

    /** A decimal with a comma and {@code digits} decimals, e.g. {@code 1,25}; no thousands separator. */
    public static String decimal(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value).replace('.', ',');
    }

    /** The kind of a Pusling vehicle in Indonesian: {@code Mobil Pusling}, {@code Ambulans}, {@code Sepeda motor}. */
    public static String vehicle(String kind) {
        return switch (kind) {
            case "MOBIL_PUSLING" -> "Mobil Pusling";
            case "AMBULANS" -> "Ambulans";
            case "MOTOR" -> "Sepeda motor";
            default -> kind;
        };
    }

    /** The status of a plan in Indonesian. */
    public static String status(OutreachPlanStatus status) {
        return switch (status) {
            case DRAFT -> "Draf (belum resmi)";
            case PUBLISHED -> "Diterbitkan";
            case COMPLETED -> "Selesai";
            case CANCELLED -> "Dibatalkan";
        };
    }
}
