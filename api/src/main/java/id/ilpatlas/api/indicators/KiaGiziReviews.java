package id.ilpatlas.api.indicators;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.reference.Csv;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
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
    record Item(String key, String label, String group, boolean rate, Trend.Desirable desirable,
                Function<AreaIndicators, Number> get) {
    }

    static final List<Item> ITEMS = List.of(
            // More risti found may be better detection or more risk: no desirable direction.
            new Item("highRiskPregnancies", "Ibu hamil risiko tinggi", "MATERNAL", false, Trend.Desirable.NONE,
                    AreaIndicators::highRiskPregnancies),
            new Item("births", "Persalinan", "MATERNAL", false, Trend.Desirable.NONE, AreaIndicators::births),
            new Item("maternalDeaths", "Kematian ibu", "MATERNAL", false, Trend.Desirable.DOWN,
                    AreaIndicators::maternalDeaths),
            new Item("lowBirthWeightBirths", "Bayi BBLR lahir", "CHILD", false, Trend.Desirable.DOWN,
                    AreaIndicators::lowBirthWeightBirths),
            new Item("lowBirthWeightOverdueFollowUps", "BBLR kunjungan rumah terlambat", "CHILD", false,
                    Trend.Desirable.DOWN, AreaIndicators::lowBirthWeightOverdueFollowUps),
            new Item("infantDeaths", "Kematian bayi", "CHILD", false, Trend.Desirable.DOWN,
                    AreaIndicators::infantDeaths),
            new Item("balitaTargeted", "Sasaran balita", "NUTRITION", false, Trend.Desirable.NONE,
                    AreaIndicators::balitaTargeted),
            new Item("childrenMeasured", "Balita ditimbang/diukur", "NUTRITION", false, Trend.Desirable.UP,
                    AreaIndicators::childrenMeasured),
            new Item("measurementCoverage", "Cakupan pengukuran", "NUTRITION", true, Trend.Desirable.UP,
                    AreaIndicators::measurementCoverage),
            new Item("stunted", "Balita stunting", "NUTRITION", false, Trend.Desirable.DOWN, AreaIndicators::stunted),
            new Item("stuntingPrevalence", "Prevalensi stunting", "NUTRITION", true, Trend.Desirable.DOWN,
                    AreaIndicators::stuntingPrevalence),
            new Item("severelyStunted", "Sangat pendek", "NUTRITION", false, Trend.Desirable.DOWN,
                    AreaIndicators::severelyStunted),
            new Item("wasted", "Gizi kurang/buruk (wasting)", "NUTRITION", false, Trend.Desirable.DOWN,
                    AreaIndicators::wasted),
            new Item("underweight", "Berat badan kurang", "NUTRITION", false, Trend.Desirable.DOWN,
                    AreaIndicators::underweight));

    public record Value(String key, String label, String group, Double value, Double previous, Double change,
                        Trend trend) {
    }

    public record Row(String regionCode, String name, String level, boolean exact, List<Value> values) {
    }

    public record Review(String kecamatanCode, String name, String month, String previousMonth, boolean synthetic,
                         List<Row> rows, String csvPath) {
    }

    private final RwIndicators indicators;

    KiaGiziReviews(RwIndicators indicators) {
        this.indicators = indicators;
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
        RwIndicators.Report now = indicators.report(caller, kecamatan.dotted(), IndicatorPeriod.month(ym));
        RwIndicators.Report before = indicators.report(caller, kecamatan.dotted(), IndicatorPeriod.month(ym.minusMonths(1)));
        Map<String, AreaIndicators> previous = new HashMap<>();
        before.kelurahan().forEach(a -> previous.put(a.regionCode(), a));
        previous.put(before.total().regionCode(), before.total());
        List<AreaIndicators> areas = new ArrayList<>(now.kelurahan());
        areas.add(now.total());
        List<Row> rows = new ArrayList<>();
        for (AreaIndicators area : areas) {
            AreaIndicators prev = previous.get(area.regionCode());
            List<Value> values = new ArrayList<>();
            for (Item item : ITEMS) {
                Double v = d(item.get().apply(area));
                Double p = prev == null ? null : d(item.get().apply(prev));
                Double change = v == null || p == null ? null : v - p;
                values.add(new Value(item.key(), item.label(), item.group(), v, p, change,
                        Trend.of(item.desirable(), v, p)));
            }
            rows.add(new Row(area.regionCode(), area.name(), area.level(), area.exact(), values));
        }
        return new Review(kecamatan.dotted(), now.total().name(), ym.toString(), ym.minusMonths(1).toString(),
                now.synthetic() || before.synthetic(), rows, "/reports/kia-gizi/" + kecamatan.dotted() + "/" + ym + ".csv");
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

    /** CSV (comma-separated, Locale.ROOT numbers, rates in percent): one line per row and indicator. */
    public void writeCsv(Review review, Writer out) {
        try {
            out.write("kecamatan,month,region_code,region_name,level,group,indicator,label,unit,value,previous_month,"
                    + "change,trend,suppressed_or_undefined,synthetic\n");
            for (Row row : review.rows()) {
                for (int i = 0; i < ITEMS.size(); i++) {
                    Item item = ITEMS.get(i);
                    Value v = row.values().get(i);
                    out.write(String.join(",", review.kecamatanCode(), review.month(), row.regionCode(),
                            csv(row.name()), row.level(), item.group(), item.key(), csv(item.label()),
                            item.rate() ? "percent" : "count", format(v.value(), item.rate()),
                            format(v.previous(), item.rate()), format(v.change(), item.rate()), v.trend().name(),
                            v.value() == null ? "true" : "false", Boolean.toString(review.synthetic())));
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
        StringBuilder b = new StringBuilder("<span class=\"").append(css).append("\" data-trend=\"")
                .append(v.trend().name()).append("\">(");
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
            case NOT_COMPARABLE -> {
            }
        }
        return b.append(")</span>").toString();
    }

    /** A printable HTML page (inline CSS, no external assets): one table per group, kelurahan in rows. */
    public void writeHtml(Review review, Writer out) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Review KIA-gizi ")
                .append(html(review.name())).append(' ').append(review.month()).append("</title>\n<style>")
                .append("body{font-family:sans-serif;font-size:11pt;margin:1.5cm}table{border-collapse:collapse;")
                .append("width:100%;margin-bottom:1em}th,td{border:1px solid #999;padding:2px 4px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}tr.total{font-weight:bold}")
                .append(".worsened{color:#b10026}.improved{color:#1a7f37}.neutral{color:#555}")
                .append(".note{font-size:9pt;color:#555}")
                .append("@media print{body{margin:0}}</style>")
                .append("</head><body>\n<h1>Review KIA-gizi Kecamatan ").append(html(review.name())).append("</h1>\n")
                .append("<p>Bulan ").append(review.month()).append(" (dibanding ").append(review.previousMonth())
                .append(")").append(review.synthetic() ? " &mdash; <strong>DATA SINTETIS (demo)</strong>" : "")
                .append("</p>\n");
        for (String group : List.of("MATERNAL", "CHILD", "NUTRITION")) {
            b.append("<h2>").append(switch (group) {
                case "MATERNAL" -> "Kesehatan ibu";
                case "CHILD" -> "Kesehatan anak";
                default -> "Gizi";
            }).append("</h2>\n<table><thead><tr><th>Kelurahan</th>");
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < ITEMS.size(); i++) {
                if (ITEMS.get(i).group().equals(group)) {
                    items.add(i);
                    b.append("<th>").append(html(ITEMS.get(i).label())).append(ITEMS.get(i).rate() ? " (%)" : "")
                            .append("</th>");
                }
            }
            b.append("</tr></thead><tbody>\n");
            for (Row row : review.rows()) {
                b.append(row.level().equals("KECAMATAN") ? "<tr class=\"total\"" : "<tr").append(" data-region=\"")
                        .append(html(row.regionCode())).append("\"><td>").append(html(row.name())).append("</td>");
                for (int i : items) {
                    Value v = row.values().get(i);
                    boolean rate = ITEMS.get(i).rate();
                    b.append("<td data-key=\"").append(v.key()).append("\">")
                            .append(v.value() == null ? "&ndash;" : format(v.value(), rate));
                    if (v.change() != null && (v.change() != 0 || v.trend() == Trend.UNCHANGED)) {
                        b.append(' ').append(trendHtml(v, rate));
                    }
                    b.append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("<p class=\"note\">&ndash; = disembunyikan (jumlah 1&ndash;4, perlindungan data) atau tidak terdefinisi. ")
                .append("Dalam kurung: perubahan dari bulan sebelumnya (&#9650; naik, &#9660; turun) dan artinya: ")
                .append("<span class=\"improved\">membaik</span> (hijau) bila bergerak ke arah yang diinginkan ")
                .append("(cakupan naik; stunting, BBLR, kematian turun), <span class=\"worsened\">memburuk</span> ")
                .append("(merah) bila sebaliknya, tetap bila sama; tanpa kata (abu-abu) bila indikator tidak ")
                .append("punya arah yang diinginkan (persalinan, sasaran, ibu hamil risiko tinggi). ")
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
