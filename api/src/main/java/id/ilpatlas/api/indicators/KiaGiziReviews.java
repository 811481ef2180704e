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

    /** One indicator of the review. */
    record Item(String key, String label, String group, boolean rate, Function<AreaIndicators, Number> get) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("highRiskPregnancies", "Ibu hamil risiko tinggi", "MATERNAL", false, AreaIndicators::highRiskPregnancies),
            new Item("births", "Persalinan", "MATERNAL", false, AreaIndicators::births),
            new Item("maternalDeaths", "Kematian ibu", "MATERNAL", false, AreaIndicators::maternalDeaths),
            new Item("lowBirthWeightBirths", "Bayi BBLR lahir", "CHILD", false, AreaIndicators::lowBirthWeightBirths),
            new Item("lowBirthWeightOverdueFollowUps", "BBLR kunjungan rumah terlambat", "CHILD", false,
                    AreaIndicators::lowBirthWeightOverdueFollowUps),
            new Item("infantDeaths", "Kematian bayi", "CHILD", false, AreaIndicators::infantDeaths),
            new Item("balitaTargeted", "Sasaran balita", "NUTRITION", false, AreaIndicators::balitaTargeted),
            new Item("childrenMeasured", "Balita ditimbang/diukur", "NUTRITION", false, AreaIndicators::childrenMeasured),
            new Item("measurementCoverage", "Cakupan pengukuran", "NUTRITION", true, AreaIndicators::measurementCoverage),
            new Item("stunted", "Balita stunting", "NUTRITION", false, AreaIndicators::stunted),
            new Item("stuntingPrevalence", "Prevalensi stunting", "NUTRITION", true, AreaIndicators::stuntingPrevalence),
            new Item("severelyStunted", "Sangat pendek", "NUTRITION", false, AreaIndicators::severelyStunted),
            new Item("wasted", "Gizi kurang/buruk (wasting)", "NUTRITION", false, AreaIndicators::wasted),
            new Item("underweight", "Berat badan kurang", "NUTRITION", false, AreaIndicators::underweight));

    public record Value(String key, String label, String group, Double value, Double previous, Double change) {
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
                values.add(new Value(item.key(), item.label(), item.group(), v, p, v == null || p == null ? null : v - p));
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
                    + "change,suppressed_or_undefined,synthetic\n");
            for (Row row : review.rows()) {
                for (int i = 0; i < ITEMS.size(); i++) {
                    Item item = ITEMS.get(i);
                    Value v = row.values().get(i);
                    out.write(String.join(",", review.kecamatanCode(), review.month(), row.regionCode(),
                            csv(row.name()), row.level(), item.group(), item.key(), csv(item.label()),
                            item.rate() ? "percent" : "count", format(v.value(), item.rate()),
                            format(v.previous(), item.rate()), format(v.change(), item.rate()),
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

    /** A printable HTML page (inline CSS, no external assets): one table per group, kelurahan in rows. */
    public void writeHtml(Review review, Writer out) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Review KIA-gizi ")
                .append(html(review.name())).append(' ').append(review.month()).append("</title>\n<style>")
                .append("body{font-family:sans-serif;font-size:11pt;margin:1.5cm}table{border-collapse:collapse;")
                .append("width:100%;margin-bottom:1em}th,td{border:1px solid #999;padding:2px 4px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}tr.total{font-weight:bold}.up{color:#b10026}")
                .append(".down{color:#1a7f37}.note{font-size:9pt;color:#555}@media print{body{margin:0}}</style>")
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
                b.append(row.level().equals("KECAMATAN") ? "<tr class=\"total\">" : "<tr>").append("<td>")
                        .append(html(row.name())).append("</td>");
                for (int i : items) {
                    Value v = row.values().get(i);
                    boolean rate = ITEMS.get(i).rate();
                    b.append("<td>").append(v.value() == null ? "&ndash;" : format(v.value(), rate));
                    if (v.change() != null && v.change() != 0) {
                        b.append(" <span class=\"").append(v.change() > 0 ? "up" : "down").append("\">(")
                                .append(v.change() > 0 ? "+" : "").append(format(v.change(), rate)).append(")</span>");
                    }
                    b.append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("<p class=\"note\">&ndash; = disembunyikan (jumlah 1&ndash;4, perlindungan data) atau tidak terdefinisi. ")
                .append("Dalam kurung: perubahan dari bulan sebelumnya. Definisi: lihat skema GraphQL AreaIndicators.</p>\n")
                .append("</body></html>\n");
        try {
            out.write(b.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
