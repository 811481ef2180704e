package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.synthetic.PregnancyRisks;
import id.ilpatlas.geo.testing.Slow;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The synthetic PERMAISURI register as the demo loads it through the real importer, read back by the Dinkes through
 * GraphQL: every pregnancy's risk factors are the ones the Indonesian 4T / KEK rules give for its stored fields and
 * {@code highRisk} is "any factor"; the shares of 4T, KEK, anaemia and high-risk lie within a binomial tolerance of
 * what the generator is calibrated to (PregnancyRisks, from high_risk_pregnancy_reference.md); and the dates hang
 * together (a delivered pregnancy is 34-42 weeks long, an ongoing one at most 42 weeks along, deaths after birth).
 */
@Slow
class PermaisuriDemoRisksTest extends CaseTestSupport {

    private static final Set<String> FOUR_T = Set.of("TOO_YOUNG", "TOO_OLD", "TOO_CLOSE", "TOO_MANY");

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @Value("${atlas.cases.demo.seed:20171}")
    long seed;

    @Value("${atlas.cases.demo.as-of}")
    LocalDate asOf;

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> syntheticPregnancies() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> page = graphQl.documentName("casePregnanciesRisks")
                    .variable("filter", Map.of("regionCode", "33.75"))
                    .variable("first", 1000)
                    .variable("after", after)
                    .execute()
                    .path("pregnancies")
                    .entity(Map.class)
                    .get();
            for (Map<String, Object> edge : (List<Map<String, Object>>) page.get("edges")) {
                Map<String, Object> node = (Map<String, Object>) edge.get("node");
                if (Boolean.TRUE.equals(node.get("synthetic"))) {
                    nodes.add(node);
                }
            }
            Map<String, Object> pageInfo = (Map<String, Object>) page.get("pageInfo");
            after = Boolean.TRUE.equals(pageInfo.get("hasNextPage")) ? (String) pageInfo.get("endCursor") : null;
        } while (after != null);
        return nodes;
    }

    private static LocalDate date(Object value) {
        return value == null ? null : LocalDate.parse((String) value);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoRegisterHasThePublishedRiskSharesAndConsistentDates() {
        List<Map<String, Object>> pregnancies = syntheticPregnancies();
        double n = pregnancies.size();
        String context = " (demo seed " + seed + ", as of " + asOf + ", " + pregnancies.size() + " pregnancies)";
        assertThat(pregnancies).as("the demo register" + context).hasSizeGreaterThan(1000);
        long fourT = 0;
        long kek = 0;
        long anaemia = 0;
        long highRisk = 0;
        for (Map<String, Object> p : pregnancies) {
            String what = "pregnancy " + p.get("id") + context;
            List<String> risks = (List<String>) p.get("riskFactors");
            LocalDate lmp = date(p.get("lastMenstrualPeriod"));
            int age = Period.between(date(p.get("motherBirthDate")), lmp).getYears();
            int gravida = ((Number) p.get("gravida")).intValue();
            double muac = ((Number) p.get("muacCm")).doubleValue();
            assertThat(risks.contains("TOO_YOUNG")).as(what + ": age " + age).isEqualTo(age < 20);
            assertThat(risks.contains("TOO_OLD")).as(what + ": age " + age).isEqualTo(age > 35);
            assertThat(risks.contains("TOO_MANY"))
                    .as(what + ": gravida " + gravida)
                    .isEqualTo(gravida >= 4);
            assertThat(risks.contains("KEK")).as(what + ": LiLA " + muac).isEqualTo(muac < 23.5);
            // Bumil risti: a risk other than the nutrition ones (KEK, anaemia), which are indicators of their own.
            boolean risti = risks.stream().anyMatch(r -> !r.equals("KEK") && !r.equals("ANEMIA"));
            assertThat(p.get("highRisk")).as(what + ": " + risks).isEqualTo(risti);
            fourT += risks.stream().anyMatch(FOUR_T::contains) ? 1 : 0;
            kek += risks.contains("KEK") ? 1 : 0;
            anaemia += risks.contains("ANEMIA") ? 1 : 0;
            highRisk += risti ? 1 : 0;

            LocalDate delivered = date(p.get("deliveredOn"));
            if (delivered == null) {
                assertThat(ChronoUnit.DAYS.between(lmp, asOf))
                        .as(what + ": ongoing")
                        .isBetween(56L, 293L);
                assertThat(List.of("birthWeightG", "maternalDeathOn", "infantDeathOn"))
                        .as(what + ": ongoing")
                        .allMatch(field -> p.get(field) == null);
                continue;
            }
            assertThat(ChronoUnit.DAYS.between(lmp, delivered))
                    .as(what + ": gestation days")
                    .isBetween(238L, 294L);
            assertThat(delivered).as(what).isBeforeOrEqualTo(asOf);
            LocalDate maternalDeath = date(p.get("maternalDeathOn"));
            if (maternalDeath != null) {
                assertThat(maternalDeath)
                        .as(what)
                        .isBetween(delivered, delivered.plusDays(42))
                        .isBeforeOrEqualTo(asOf);
            }
            LocalDate infantDeath = date(p.get("infantDeathOn"));
            if (infantDeath != null) {
                assertThat(infantDeath).as(what).isBetween(delivered, asOf);
            }
        }
        System.out.printf(
                "demo PERMAISURI%s: 4T %.1f %%, KEK %.1f %%, anaemia %.1f %%, high-risk %.1f %%%n",
                context, 100 * fourT / n, 100 * kek / n, 100 * anaemia / n, 100 * highRisk / n);
        assertShare("4T", fourT, n, PregnancyRisks.fourTShare(), context);
        assertShare("KEK", kek, n, PregnancyRisks.KEK_SHARE, context);
        assertShare("anaemia", anaemia, n, PregnancyRisks.ANAEMIA_SHARE, context);
        assertShare("high-risk", highRisk, n, PregnancyRisks.highRiskShare(), context);
    }

    /** {@code count / n} within four binomial standard errors of {@code expected}. */
    private static void assertShare(String what, long count, double n, double expected, String context) {
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / n);
        assertThat(count / n).as(what + " share" + context).isCloseTo(expected, within(tolerance));
    }
}
