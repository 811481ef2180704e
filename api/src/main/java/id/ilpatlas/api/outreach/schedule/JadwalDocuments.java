package id.ilpatlas.api.outreach.schedule;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import id.ilpatlas.api.Csv;
import id.ilpatlas.api.calendar.DayOff;
import id.ilpatlas.api.outreach.OutreachPlanStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A plan's printable schedule ("jadwal") in Bahasa Indonesia: XHTML for the browser's print (A4, {@code @media print}
 * rules, every style inline, no external request), the same XHTML rendered to PDF by openhtmltopdf (PDFBox, its
 * built-in Helvetica: nothing is fetched), and a CSV in the Indonesian Excel style: UTF-8 with a BOM, {@code ;} as the
 * separator, decimal comma, Indonesian day and month names, times to the minute as {@code 08.00}. Text cells of the CSV
 * are always quoted and neutralised against formula injection ({@link Csv#quotedText}).
 */
public final class JadwalDocuments {

    /** The CSV's header (after the BOM). */
    public static final String CSV_HEADER = "Jenis;Tanggal;Tanggal ISO;Libur;Tim;Kendaraan;Jumlah petugas;Urutan;"
            + "Kode RW;RW;Kelurahan;Tiba;Mulai;Selesai;Jarak dari titik sebelumnya (km);Tempat;Rencana;Status";

    static final String BOM = "\uFEFF";

    private JadwalDocuments() {}

    /** The path of a plan's jadwal, e.g. {@code /exports/outreach-plans/7/jadwal.pdf}. */
    public static String path(String planId, String extension) {
        return "/exports/outreach-plans/" + planId + "/jadwal." + extension;
    }

    /**
     * The document's title: {@code Jadwal Pusling Medono Januari 2027} for a plan named {@code Medono Januari 2027},
     * and the same for a plan named {@code Pusling Medono Januari 2027} (the word is not doubled).
     */
    public static String title(String planName) {
        String name = planName == null ? "" : planName.strip();
        return name.toLowerCase(Locale.ROOT).startsWith("pusling") ? "Jadwal " + name : "Jadwal Pusling " + name;
    }

    /** {@code DIBATALKAN: <alasan>} for a cancelled plan; null otherwise. */
    public static String cancelBanner(OutreachSchedule.PlanSchedule s) {
        if (s.status() != OutreachPlanStatus.CANCELLED) {
            return null;
        }
        return "DIBATALKAN: " + (s.cancelReason() == null ? "tanpa alasan tercatat" : s.cancelReason())
                + ". Pusling tidak datang sesuai jadwal ini.";
    }

    /** {@code Libur: Hari Raya Natal}; null on a working day. */
    static String dayOffText(OutreachSchedule.PlanSchedule s, LocalDate date) {
        DayOff d = s.daysOff() == null ? null : s.daysOff().get(date);
        return d == null ? null : "Libur: " + d.name();
    }

    // ------------------------------------------------------------------------------------------------ HTML

    /**
     * The one {@code <style>} block of {@link #html} (constant: the web app opens the page as a blob: page under its
     * Content-Security-Policy, which allows exactly this block by its hash, {@code web.ReportStyles}).
     */
    public static final String HTML_STYLE = "\n"
            + "@page { size: A4 portrait; margin: 15mm; }\n"
            + "body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #000; }\n"
            + "h1 { font-size: 15pt; margin: 0 0 4pt 0; } h2 { font-size: 12pt; margin: 12pt 0 4pt 0; }\n"
            + "table { border-collapse: collapse; width: 100%; }\n"
            + "th, td { border: 0.5pt solid #444; padding: 2pt 4pt; text-align: left; vertical-align: top; }\n"
            + "th { background: #e8e8e8; } td.n { text-align: right; }\n"
            + "tr.hari td { background: #f4f4f4; font-weight: bold; }\n"
            + ".draf { color: #a00000; font-weight: bold; } .kecil { font-size: 8pt; color: #333; }\n"
            + ".batal { border: 2pt solid #a00000; color: #a00000; font-size: 14pt; font-weight: bold;"
            + " padding: 6pt; margin: 6pt 0; } .libur { color: #a00000; }\n"
            + "@media print { body { font-size: 9pt; } tr { page-break-inside: avoid; }"
            + " thead { display: table-header-group; } }\n";

    /** The schedule as a self-contained XHTML page (well-formed, so that the PDF renderer parses it too). */
    public static String html(OutreachSchedule.PlanSchedule s) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"id\" xmlns=\"http://www.w3.org/1999/xhtml\"><head>")
                .append("<meta charset=\"UTF-8\"/><title>")
                .append(esc(title(s.plan().name())))
                .append("</title><style>")
                .append(HTML_STYLE)
                .append("</style></head><body>\n");
        h.append("<h1>Jadwal Puskesmas Keliling (Pusling)</h1>\n");
        String banner = cancelBanner(s);
        if (banner != null) {
            h.append("<p class=\"batal\">").append(esc(banner)).append("</p>\n");
        }
        h.append("<p>")
                .append("Rencana: <b>")
                .append(esc(s.plan().name()))
                .append("</b><br/>")
                .append("Pangkalan: ")
                .append(esc(s.baseName()))
                .append("<br/>")
                .append("Bulan: ")
                .append(esc(IndonesianFormat.month(s.month())))
                .append("<br/>")
                .append("Status: <span")
                .append(
                        s.status() == OutreachPlanStatus.DRAFT || s.status() == OutreachPlanStatus.CANCELLED
                                ? " class=\"draf\""
                                : "")
                .append(">")
                .append(esc(IndonesianFormat.status(s.status())))
                .append("</span></p>\n");
        h.append("<h2>Kunjungan Pusling</h2>\n<table><thead><tr><th>Tim</th><th>No.</th><th>RW</th>")
                .append("<th>Kelurahan</th><th>Tiba</th><th>Layanan</th></tr></thead><tbody>\n");
        LocalDate day = null;
        for (OutreachSchedule.Visit v : s.visits()) {
            if (!v.date().equals(day)) {
                day = v.date();
                h.append("<tr class=\"hari\"><td colspan=\"6\">").append(esc(IndonesianFormat.longDate(day)));
                String off = dayOffText(s, day);
                if (off != null) {
                    h.append(" <span class=\"libur\">(").append(esc(off)).append(")</span>");
                }
                h.append("</td></tr>\n");
            }
            h.append("<tr><td>")
                    .append(esc(v.teamText()))
                    .append("</td><td class=\"n\">")
                    .append(v.sequence())
                    .append("</td><td>")
                    .append(esc(v.rwName()))
                    .append(" <span class=\"kecil\">(")
                    .append(esc(v.rwCode()))
                    .append(")</span></td><td>")
                    .append(esc(v.kelurahanName()))
                    .append("</td><td>")
                    .append(IndonesianFormat.time(v.arrival()))
                    .append("</td><td>")
                    .append(esc(v.timeText()))
                    .append("</td></tr>\n");
        }
        if (s.visits().isEmpty()) {
            h.append("<tr><td colspan=\"6\">Tidak ada kunjungan.</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        h.append("<h2>Jadwal Posyandu di RW tersebut</h2>\n");
        if (s.posyanduSessions().isEmpty()) {
            h.append("<p>Tidak ada jadwal posyandu tercatat untuk RW ini.</p>\n");
        } else {
            h.append("<table><thead><tr><th>Tanggal</th><th>Posyandu</th><th>RW</th><th>Jam</th></tr></thead>")
                    .append("<tbody>\n");
            for (OutreachSchedule.PosyanduSession p : s.posyanduSessions()) {
                String off = dayOffText(s, p.date());
                h.append("<tr><td>")
                        .append(esc(IndonesianFormat.longDate(p.date())))
                        .append(off == null ? "" : " <span class=\"libur\">(" + esc(off) + ")</span>")
                        .append("</td><td>")
                        .append(esc(p.posyanduName()))
                        .append("</td><td>")
                        .append(esc(String.join(", ", p.rwCodes())))
                        .append("</td><td>")
                        .append(esc(p.timeText()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("<p class=\"kecil\">Waktu setempat (WIB). Jam ditulis hh.mm. Dibuat dengan ILP Atlas.</p>\n")
                .append("</body></html>\n");
        return h.toString();
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------ PDF

    /** The HTML page rendered to PDF (A4); nothing is fetched (no base URI, built-in fonts). */
    public static byte[] pdf(OutreachSchedule.PlanSchedule s) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(s), null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ CSV

    /** The schedule as CSV in the Indonesian Excel style (BOM, {@code ;}, CRLF), UTF-8 bytes. */
    public static byte[] csv(OutreachSchedule.PlanSchedule s) {
        StringBuilder out = new StringBuilder(BOM).append(CSV_HEADER).append("\r\n");
        String banner = cancelBanner(s);
        String status = banner != null ? banner : IndonesianFormat.status(s.status());
        for (OutreachSchedule.Visit v : s.visits()) {
            row(
                    out,
                    text("Pusling datang"),
                    text(IndonesianFormat.longDate(v.date())),
                    v.date().toString(),
                    text(dayOffText(s, v.date())),
                    text(v.teamName()),
                    text(v.vehicleLabel()),
                    v.teamSize() == null ? "" : String.valueOf(v.teamSize()),
                    String.valueOf(v.sequence()),
                    text(v.rwCode()),
                    text(v.rwName()),
                    text(v.kelurahanName()),
                    IndonesianFormat.time(v.arrival()),
                    IndonesianFormat.time(v.serviceStart()),
                    IndonesianFormat.time(v.serviceEnd()),
                    IndonesianFormat.decimal(v.legDistanceMeters() / 1000, 2),
                    text(v.baseName()),
                    text(s.plan().name()),
                    text(status));
        }
        for (OutreachSchedule.PosyanduSession p : s.posyanduSessions()) {
            for (String rw : p.rwCodes()) {
                row(
                        out,
                        text("Posyandu"),
                        text(IndonesianFormat.longDate(p.date())),
                        p.date().toString(),
                        text(dayOffText(s, p.date())),
                        "",
                        "",
                        "",
                        "",
                        text(rw),
                        "",
                        text(p.kelurahanName()),
                        "",
                        IndonesianFormat.time(p.startTime()),
                        IndonesianFormat.time(p.endTime()),
                        "",
                        text(p.posyanduName()),
                        text(s.plan().name()),
                        text(status));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(String value) {
        return Csv.quotedText(value);
    }

    private static void row(StringBuilder out, String... cells) {
        out.append(String.join(";", List.of(cells))).append("\r\n");
    }
}
