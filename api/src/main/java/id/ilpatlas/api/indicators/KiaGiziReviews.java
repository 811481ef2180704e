package id.ilpatlas.api.indicators;

import id.ilpatlas.api.Csv;
import id.ilpatlas.api.cases.aggregate.MissingReason;
import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The monthly KIA-gizi review of a kecamatan (Pekalongan's lokakarya mini): per kelurahan and for the kecamatan, the
 * maternal, child and nutrition indicators of a month beside the previous month's, from {@link RwIndicators} (same
 * access rules and suppression), as GraphQL, CSV and printable HTML.
 */
@Service
public class KiaGiziReviews {

    /**
     * One indicator of the review, with the way it should move ({@code desirable}): the one place that decides whether
     * a change is good news ({@link Trend}).
     */
    record Item(
            String key,
            String label,
            String group,
            boolean rate,
            Trend.Desirable desirable,
            Function<AreaIndicators, Number> get) {}

    /** How the printable review marks a value that is missing for want of data (no data is not zero). */
    private static final Map<MissingReason, String> MISSING_MARK =
            Map.of(MissingReason.NO_DATA, "<em>t.a.d.</em>", MissingReason.PARTIAL_PERIOD, "<em>sebagian</em>");

    static final List<Item> ITEMS = List.of(
            // More risti found may be better detection or more risk: no desirable direction.
            new Item(
                    "highRiskPregnancies",
                    "Ibu hamil risiko tinggi",
                    "MATERNAL",
                    false,
                    Trend.Desirable.NONE,
                    AreaIndicators::highRiskPregnancies),
            new Item("births", "Persalinan", "MATERNAL", false, Trend.Desirable.NONE, AreaIndicators::births),
            new Item(
                    "maternalDeaths",
                    "Kematian ibu",
                    "MATERNAL",
                    false,
                    Trend.Desirable.DOWN,
                    AreaIndicators::maternalDeaths),
            new Item(
                    "lowBirthWeightBirths",
                    "Bayi BBLR lahir",
                    "CHILD",
                    false,
                    Trend.Desirable.DOWN,
                    AreaIndicators::lowBirthWeightBirths),
            new Item(
                    "lowBirthWeightOverdueFollowUps",
                    "BBLR kunjungan rumah terlambat",
                    "CHILD",
                    false,
                    Trend.Desirable.DOWN,
                    AreaIndicators::lowBirthWeightOverdueFollowUps),
            new Item(
                    "infantDeaths",
                    "Kematian bayi",
                    "CHILD",
                    false,
                    Trend.Desirable.DOWN,
                    AreaIndicators::infantDeaths),
            new Item(
                    "balitaTargeted",
                    "Sasaran balita",
                    "NUTRITION",
                    false,
                    Trend.Desirable.NONE,
                    AreaIndicators::balitaTargeted),
            new Item(
                    "childrenMeasured",
                    "Balita ditimbang/diukur",
                    "NUTRITION",
                    false,
                    Trend.Desirable.UP,
                    AreaIndicators::childrenMeasured),
            new Item(
                    "measurementCoverage",
                    "Cakupan pengukuran",
                    "NUTRITION",
                    true,
                    Trend.Desirable.UP,
                    AreaIndicators::measurementCoverage),
            new Item("stunted", "Balita stunting", "NUTRITION", false, Trend.Desirable.DOWN, AreaIndicators::stunted),
            new Item(
                    "stuntingPrevalence",
                    "Prevalensi stunting",
                    "NUTRITION",
                    true,
                    Trend.Desirable.DOWN,
                    AreaIndicators::stuntingPrevalence),
            new Item(
                    "severelyStunted",
                    "Sangat pendek",
                    "NUTRITION",
                    false,
                    Trend.Desirable.DOWN,
                    AreaIndicators::severelyStunted),
            new Item(
                    "wasted",
                    "Gizi kurang/buruk (wasting)",
                    "NUTRITION",
                    false,
                    Trend.Desirable.DOWN,
                    AreaIndicators::wasted),
            new Item(
                    "underweight",
                    "Berat badan kurang",
                    "NUTRITION",
                    false,
                    Trend.Desirable.DOWN,
                    AreaIndicators::underweight));

    /**
     * One indicator of a row: the month's value beside the previous month's, and the last 12 months (oldest first,
     * the month reviewed last; null where missing) from the same {@link IndicatorSeries.Timeline}.
     */
    public record Value(
            String key,
            String label,
            String group,
            Double value,
            Double previous,
            Double change,
            Trend trend,
            List<Double> last12Months,
            MissingReason missing) {}

    /** Why a field of a row is null (no data, partial period, suppressed, no denominator); null when it is not. */
    private static MissingReason missing(AreaIndicators row, String field) {
        return row.missing().stream()
                .filter(m -> m.field().equals(field))
                .map(AreaIndicators.Missing::reason)
                .findFirst()
                .orElse(null);
    }

    public record Row(String regionCode, String name, String level, boolean exact, List<Value> values) {}

    /** A review; {@code months} are the 12 months of every {@link Value#last12Months}, oldest first. */
    public record Review(
            String kecamatanCode,
            String name,
            String month,
            String previousMonth,
            boolean synthetic,
            List<Row> rows,
            String csvPath,
            List<String> months) {}

    /** How many months the review's trend lines show. */
    static final int MONTHS = 12;

    private final IndicatorSeries series;

    KiaGiziReviews(IndicatorSeries series) {
        this.series = series;
    }

    public Review review(Caller caller, String kecamatanCode, String month) {
        RegionCode kecamatan = RwIndicators.region("kecamatanCode", kecamatanCode);
        if (kecamatan.level() != RegionLevel.KECAMATAN) {
            throw new InvalidArgumentException("kecamatanCode", "not a kecamatan code: " + kecamatanCode);
        }
        YearMonth ym;
        try {
            ym = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("month", "give the month as yyyy-MM, was " + month);
        }
        if (ym.getYear() < 2000 || ym.getYear() > 2100) {
            throw new InvalidArgumentException("month", "must be between 2000 and 2100");
        }
        // The last 12 months, one rwIndicators report each: the month and the previous one are its last two.
        List<IndicatorPeriod> months = PeriodGranularity.MONTH.periods(ym.minusMonths(MONTHS - 1), ym);
        IndicatorSeries.Timeline timeline = series.timeline(caller, kecamatan.dotted(), months);
        Map<String, List<AreaIndicators>> lines = new LinkedHashMap<>(timeline.children());
        lines.put(kecamatan.dotted(), timeline.region());
        List<Row> rows = new ArrayList<>();
        for (List<AreaIndicators> line : lines.values()) {
            AreaIndicators area = line.get(MONTHS - 1);
            if (area == null) {
                continue;
            }
            AreaIndicators prev = line.get(MONTHS - 2);
            List<Value> values = new ArrayList<>();
            for (Item item : ITEMS) {
                Double v = d(item.get().apply(area));
                Double p = prev == null ? null : d(item.get().apply(prev));
                Double change = v == null || p == null ? null : v - p;
                List<Double> last12 = new ArrayList<>(MONTHS);
                for (AreaIndicators row : line) {
                    last12.add(row == null ? null : d(item.get().apply(row)));
                }
                values.add(new Value(
                        item.key(),
                        item.label(),
                        item.group(),
                        v,
                        p,
                        change,
                        Trend.of(item.desirable(), v, p),
                        Collections.unmodifiableList(last12),
                        v == null ? missing(area, item.key()) : null));
            }
            rows.add(new Row(area.regionCode(), area.name(), area.level(), area.exact(), values));
        }
        AreaIndicators total = timeline.region().get(MONTHS - 1);
        return new Review(
                kecamatan.dotted(),
                total.name(),
                ym.toString(),
                ym.minusMonths(1).toString(),
                timeline.synthetic(),
                rows,
                "/reports/kia-gizi/" + kecamatan.dotted() + "/" + ym + ".csv",
                months.stream().map(IndicatorPeriod::key).toList());
    }

    private static Double d(Number n) {
        return n == null ? null : n.doubleValue();
    }

    static String format(Double v, boolean rate) {
        if (v == null) {
            return "";
        }
        return rate ? String.format(Locale.ROOT, "%.1f", v * 100) : String.format(Locale.ROOT, "%.0f", v);
    }

    /**
     * CSV (comma-separated, Locale.ROOT numbers, rates in percent): one line per row and indicator. The last 12
     * columns, {@code month_minus_11} .. {@code month_minus_0}, are the last 12 months oldest first (empty where
     * missing; {@code month_minus_0} is {@code value}, {@code month_minus_1} {@code previous_month}).
     */
    public void writeCsv(Review review, Writer out) {
        try {
            StringBuilder header = new StringBuilder("kecamatan,month,region_code,region_name,level,group,indicator,"
                    + "label,unit,value,previous_month,change,trend,suppressed_or_undefined,synthetic");
            for (int m = MONTHS - 1; m >= 0; m--) {
                header.append(",month_minus_").append(m);
            }
            out.write(header.append('\n').toString());
            for (Row row : review.rows()) {
                for (int i = 0; i < ITEMS.size(); i++) {
                    Item item = ITEMS.get(i);
                    Value v = row.values().get(i);
                    out.write(String.join(
                            ",",
                            review.kecamatanCode(),
                            review.month(),
                            row.regionCode(),
                            csv(row.name()),
                            row.level(),
                            item.group(),
                            item.key(),
                            csv(item.label()),
                            item.rate() ? "percent" : "count",
                            format(v.value(), item.rate()),
                            format(v.previous(), item.rate()),
                            format(v.change(), item.rate()),
                            v.trend().name(),
                            v.value() == null ? "true" : "false",
                            Boolean.toString(review.synthetic())));
                    for (Double m : v.last12Months()) {
                        out.write(',');
                        out.write(format(m, item.rate()));
                    }
                    out.write('\n');
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String s) {
        return Csv.text(s);
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The change of a value with its trend, e.g. {@code (+3 ▲ memburuk)}: coloured by the trend (green improved, red
     * worsened, grey otherwise), and said in words and an arrow so that colour is not the only carrier.
     */
    private static String trendHtml(Value v, boolean rate) {
        String css = switch (v.trend()) {
            case IMPROVED -> "improved";
            case WORSENED -> "worsened";
            case UNCHANGED, NOT_COMPARABLE -> "neutral";
        };
        StringBuilder b = new StringBuilder("<span class=\"")
                .append(css)
                .append("\" data-trend=\"")
                .append(v.trend().name())
                .append("\">(");
        if (v.change() > 0) {
            b.append('+').append(format(v.change(), rate)).append(" &#9650;");
        } else if (v.change() < 0) {
            b.append(format(v.change(), rate)).append(" &#9660;");
        } else {
            b.append('=');
        }
        switch (v.trend()) {
            case IMPROVED -> b.append(" membaik");
            case WORSENED -> b.append(" memburuk");
            case UNCHANGED -> b.append(" tetap");
            case NOT_COMPARABLE -> {}
        }
        return b.append(")</span>").toString();
    }

    private static final int SPARK_STEP = 6;
    private static final int SPARK_HEIGHT = 16;

    /**
     * The last 12 months of a value as an inline SVG sparkline (no external request): x one step per month, y from 0
     * (bottom) to the line's own 12-month maximum (top); a missing month is a gap, a known month between two gaps a
     * dot, the month reviewed a larger dot. {@code data-last12} carries the values as GraphQL gives them (rates as
     * fractions, empty where missing, {@code ;}-separated); the {@code title} lists them as the table shows them.
     */
    static String sparklineHtml(List<Double> values, List<String> months, boolean rate) {
        double max = 0;
        for (Double v : values) {
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        int n = values.size();
        int width = SPARK_STEP * (n - 1) + 6;
        StringBuilder data = new StringBuilder();
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Double v = values.get(i);
            data.append(i == 0 ? "" : ";").append(v == null ? "" : Double.toString(v));
            title.append(i == 0 ? "" : ", ")
                    .append(months.get(i))
                    .append(' ')
                    .append(v == null ? "–" : format(v, rate));
        }
        StringBuilder b = new StringBuilder("<svg class=\"spark\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(SPARK_HEIGHT + 2)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(SPARK_HEIGHT + 2)
                .append("\" role=\"img\" data-last12=\"")
                .append(data)
                .append("\"><title>")
                .append(html(title.toString()))
                .append("</title>");
        StringBuilder run = new StringBuilder();
        int runLength = 0;
        for (int i = 0; i <= n; i++) {
            Double v = i < n ? values.get(i) : null;
            if (v != null) {
                run.append(runLength == 0 ? "" : " ")
                        .append(sparkX(i))
                        .append(',')
                        .append(sparkY(v, max));
                runLength++;
                continue;
            }
            if (runLength == 1) {
                String[] xy = run.toString().split(",");
                b.append("<circle cx=\"")
                        .append(xy[0])
                        .append("\" cy=\"")
                        .append(xy[1])
                        .append("\" r=\"1.2\"/>");
            } else if (runLength > 1) {
                b.append("<polyline points=\"").append(run).append("\"/>");
            }
            run.setLength(0);
            runLength = 0;
        }
        Double last = values.get(n - 1);
        if (last != null) {
            b.append("<circle class=\"now\" cx=\"")
                    .append(sparkX(n - 1))
                    .append("\" cy=\"")
                    .append(sparkY(last, max))
                    .append("\" r=\"2\"/>");
        }
        return b.append("</svg>").toString();
    }

    private static String sparkX(int i) {
        return Integer.toString(3 + SPARK_STEP * i);
    }

    private static String sparkY(double v, double max) {
        double y = 1 + SPARK_HEIGHT - (max <= 0 ? 0 : v / max * SPARK_HEIGHT);
        return String.format(Locale.ROOT, "%.1f", y);
    }

    /**
     * The one {@code <style>} block of {@link #writeHtml} (constant: the web app opens the page as a blob: page under
     * its Content-Security-Policy, which allows exactly this block by its hash, {@code web.ReportStyles}).
     */
    public static final String HTML_STYLE = "body{font-family:sans-serif;font-size:11pt;margin:1.5cm}"
            + "table{border-collapse:collapse;width:100%;margin-bottom:1em}"
            + "th,td{border:1px solid #999;padding:2px 4px;text-align:right}"
            + "th:first-child,td:first-child{text-align:left}tr.total{font-weight:bold}"
            + ".worsened{color:#b10026}.improved{color:#1a7f37}.neutral{color:#555}"
            + ".note{font-size:9pt;color:#555}"
            + "svg.spark{display:block;margin:1px 0 0 auto}svg.spark polyline{fill:none;stroke:#333;"
            + "stroke-width:1}svg.spark circle{fill:#333}svg.spark circle.now{fill:#000}"
            + "@media print{body{margin:0}}";

    /**
     * A printable HTML page (inline CSS and SVG, no external assets): one table per group, kelurahan in rows, each
     * value with its change on the previous month and a sparkline of the last 12 months.
     */
    public void writeHtml(Review review, Writer out) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Review KIA-gizi ")
                .append(html(review.name()))
                .append(' ')
                .append(review.month())
                .append("</title>\n<style>")
                .append(HTML_STYLE)
                .append("</style>")
                .append("</head><body>\n<h1>Review KIA-gizi Kecamatan ")
                .append(html(review.name()))
                .append("</h1>\n")
                .append("<p>Bulan ")
                .append(review.month())
                .append(" (dibanding ")
                .append(review.previousMonth())
                .append(")")
                .append(review.synthetic() ? " &mdash; <strong>DATA SINTETIS (demo)</strong>" : "")
                .append("</p>\n");
        for (String group : List.of("MATERNAL", "CHILD", "NUTRITION")) {
            b.append("<h2>")
                    .append(
                            switch (group) {
                                case "MATERNAL" -> "Kesehatan ibu";
                                case "CHILD" -> "Kesehatan anak";
                                default -> "Gizi";
                            })
                    .append("</h2>\n<table><thead><tr><th>Kelurahan</th>");
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < ITEMS.size(); i++) {
                if (ITEMS.get(i).group().equals(group)) {
                    items.add(i);
                    b.append("<th>")
                            .append(html(ITEMS.get(i).label()))
                            .append(ITEMS.get(i).rate() ? " (%)" : "")
                            .append("</th>");
                }
            }
            b.append("</tr></thead><tbody>\n");
            for (Row row : review.rows()) {
                b.append(row.level().equals("KECAMATAN") ? "<tr class=\"total\"" : "<tr")
                        .append(" data-region=\"")
                        .append(html(row.regionCode()))
                        .append("\"><td>")
                        .append(html(row.name()))
                        .append("</td>");
                for (int i : items) {
                    Value v = row.values().get(i);
                    boolean rate = ITEMS.get(i).rate();
                    b.append("<td data-key=\"")
                            .append(v.key())
                            .append("\">")
                            .append(
                                    v.value() == null
                                            ? MISSING_MARK.getOrDefault(v.missing(), "&ndash;")
                                            : format(v.value(), rate));
                    if (v.change() != null && (v.change() != 0 || v.trend() == Trend.UNCHANGED)) {
                        b.append(' ').append(trendHtml(v, rate));
                    }
                    b.append(sparklineHtml(v.last12Months(), review.months(), rate))
                            .append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append(
                        "<p class=\"note\">&ndash; = disembunyikan (jumlah 1&ndash;4, perlindungan data) atau tidak terdefinisi; "
                                + "<em>t.a.d.</em> = tidak ada data untuk periode ini; <em>sebagian</em> = data hanya mencakup sebagian "
                                + "periode (angka akan lebih kecil dari sebenarnya). ")
                .append("Dalam kurung: perubahan dari bulan sebelumnya (&#9650; naik, &#9660; turun) dan artinya: ")
                .append("<span class=\"improved\">membaik</span> (hijau) bila bergerak ke arah yang diinginkan ")
                .append("(cakupan naik; stunting, BBLR, kematian turun), <span class=\"worsened\">memburuk</span> ")
                .append("(merah) bila sebaliknya, tetap bila sama; tanpa kata (abu-abu) bila indikator tidak ")
                .append("punya arah yang diinginkan (persalinan, sasaran, ibu hamil risiko tinggi). ")
                .append("Garis kecil: 12 bulan terakhir (")
                .append(review.months().get(0))
                .append(" &ndash; ")
                .append(review.month())
                .append("), dari 0 (bawah) sampai nilai tertinggi baris itu (atas); ")
                .append("celah = tidak ada data atau disembunyikan; titik besar = bulan ini. ")
                .append("Definisi: lihat skema GraphQL AreaIndicators.</p>\n")
                .append("</body></html>\n");
        try {
            out.write(b.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
