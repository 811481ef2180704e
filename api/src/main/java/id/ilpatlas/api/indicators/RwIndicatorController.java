package id.ilpatlas.api.indicators;

import id.ilpatlas.api.graphql.InvalidArgumentException;
import id.ilpatlas.api.security.Callers;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code rwIndicators} with its KLEOPATRA layer and choropleths, and {@code kiaGiziReview}. */
@Controller
class RwIndicatorController {

    record KleopatraRw(
            String regionCode,
            String name,
            Boolean stunting,
            Boolean tb,
            Boolean extremePoverty,
            Integer criteriaMet,
            int criteriaUnknown,
            AreaIndicators indicators) {}

    private final RwIndicators indicators;
    private final KiaGiziReviews reviews;
    private final Callers callers;
    private final DataAvailability availability;

    RwIndicatorController(
            RwIndicators indicators, KiaGiziReviews reviews, Callers callers, DataAvailability availability) {
        this.indicators = indicators;
        this.reviews = reviews;
        this.callers = callers;
        this.availability = availability;
    }

    @QueryMapping
    RwIndicators.Report rwIndicators(
            @Argument String regionCode, @Argument Map<String, Object> period, Principal principal) {
        return indicators.report(callers.of(principal), regionCode, IndicatorPeriod.parse(period));
    }

    @SchemaMapping(typeName = "RwIndicatorReport")
    List<KleopatraRw> kleopatra(
            RwIndicators.Report report,
            @Argument double stuntingPrevalence,
            @Argument double tbNotificationsPer100k,
            @Argument double extremePoorShare,
            @Argument int minCriteria,
            @Argument RateEstimateKind estimate) {
        return kleopatraLayer(
                report, stuntingPrevalence, tbNotificationsPer100k, extremePoorShare, minCriteria, estimate);
    }

    /** The RWs known to meet at least {@code minCriteria} criteria (0: every RW), by the rule of {@link Kleopatra}. */
    static List<KleopatraRw> kleopatraLayer(
            RwIndicators.Report report,
            double stuntingThreshold,
            double tbThreshold,
            double povertyThreshold,
            int minCriteria,
            RateEstimateKind estimate) {
        Kleopatra.checkMinCriteria(minCriteria);
        Kleopatra.Thresholds thresholds = new Kleopatra.Thresholds(stuntingThreshold, tbThreshold, povertyThreshold);
        List<KleopatraRw> result = new ArrayList<>();
        for (AreaIndicators rw : report.rws()) {
            if (!rw.level().equals("RW")) {
                continue;
            }
            Kleopatra k = Kleopatra.of(rw, thresholds, estimate);
            if (k.knownToMeet(minCriteria)) {
                result.add(new KleopatraRw(
                        rw.regionCode(),
                        rw.name(),
                        k.stunting(),
                        k.tb(),
                        k.extremePoverty(),
                        k.criteriaMet(),
                        k.unknown(),
                        rw));
            }
        }
        return result;
    }

    @SchemaMapping(typeName = "RwIndicatorReport")
    Choropleths.Choropleth choropleth(
            RwIndicators.Report report,
            @Argument RwIndicator indicator,
            @Argument ClassificationMethod method,
            @Argument int classes,
            @Argument RateEstimateKind estimate) {
        return Choropleths.of(
                report.rws().stream().filter(r -> r.level().equals("RW")).toList(),
                indicator,
                method,
                classes,
                rw -> estimate.of(rw, indicator));
    }

    @SchemaMapping(typeName = "AreaIndicators")
    RateEstimate rate(AreaIndicators row, @Argument RwIndicator indicator) {
        return row.rate(indicator);
    }

    @QueryMapping
    DataAvailability.Coverage dataAvailability(@Argument String kabkotaCode) {
        RegionCode region = RwIndicators.region("kabkotaCode", kabkotaCode);
        if (region.level() != RegionLevel.KABKOTA) {
            throw new InvalidArgumentException(
                    "kabkotaCode", "give a kota/kabupaten code such as 33.75, was " + kabkotaCode);
        }
        if (!availability.knows(region.dotted())) {
            throw new InvalidArgumentException("kabkotaCode", "unknown kab/kota " + region.dotted());
        }
        return availability.of(region.dotted());
    }

    @SchemaMapping(typeName = "DataAvailability")
    List<DataAvailability.Register> registers(DataAvailability.Coverage coverage) {
        return coverage.list();
    }

    @SchemaMapping(typeName = "RegisterAvailability")
    List<DataAvailability.PeriodCompleteness> periods(
            DataAvailability.Register register, @Argument PeriodGranularity granularity) {
        return register.periods(granularity);
    }

    @SchemaMapping(typeName = "RegisterAvailability")
    String firstImportAt(DataAvailability.Register register) {
        return register.firstImport() == null ? null : register.firstImport().toString();
    }

    @SchemaMapping(typeName = "RegisterAvailability")
    String lastImportAt(DataAvailability.Register register) {
        return register.lastImport() == null ? null : register.lastImport().toString();
    }

    @QueryMapping
    KiaGiziReviews.Review kiaGiziReview(@Argument String kecamatanCode, @Argument String month, Principal principal) {
        return reviews.review(callers.of(principal), kecamatanCode, month);
    }
}
