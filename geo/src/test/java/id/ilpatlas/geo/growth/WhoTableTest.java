package id.ilpatlas.geo.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The bundled LMS tables load completely and are read correctly. */
class WhoTableTest {

    @ParameterizedTest
    @EnumSource(WhoTable.class)
    void everyRowIsPresentForBothSexes(WhoTable table) {
        int rows = 0;
        for (Sex sex : Sex.values()) {
            for (int key = table.firstKeyUnits(); key <= table.lastKeyUnits(); key++) {
                Lms lms = table.row(sex, key);
                assertThat(lms).as("%s %s %d", table, sex, key).isNotNull();
                assertThat(lms.l()).isNotZero();
                assertThat(lms.m()).isPositive();
                assertThat(lms.s()).isPositive();
                rows++;
            }
            assertThat(table.row(sex, table.firstKeyUnits() - 1)).isNull();
            assertThat(table.row(sex, table.lastKeyUnits() + 1)).isNull();
        }
        // SOURCE.md: 3654 rows for the age tables, 1302 (wfl) and 1102 (wfh).
        assertThat(rows)
                .isEqualTo(
                        switch (table) {
                            case WEIGHT_FOR_LENGTH -> 1302;
                            case WEIGHT_FOR_HEIGHT -> 1102;
                            default -> 3654;
                        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
      WEIGHT_FOR_AGE|MALE|0|0.3487|3.3464|0.14602
      WEIGHT_FOR_AGE|FEMALE|1826|-0.3518|18.2179|0.14821
      LENGTH_HEIGHT_FOR_AGE|MALE|1|1|50.0601|0.03785
      LENGTH_HEIGHT_FOR_AGE|FEMALE|1826|1|109.4189|0.04346
      WEIGHT_FOR_LENGTH|MALE|451|-0.3521|2.4577|0.09176
      WEIGHT_FOR_LENGTH|FEMALE|1100|-0.3833|18.3324|0.09401
      WEIGHT_FOR_HEIGHT|MALE|651|-0.3521|7.4563|0.08216
      WEIGHT_FOR_HEIGHT|FEMALE|1200|-0.3833|22.8173|0.09828
      BMI_FOR_AGE|MALE|1|-0.1867|13.3976|0.09597
      BMI_FOR_AGE|FEMALE|1826|-0.5684|15.2747|0.09789
      HEAD_CIRCUMFERENCE_FOR_AGE|MALE|0|1|34.4618|0.03686
      HEAD_CIRCUMFERENCE_FOR_AGE|FEMALE|1826|1|49.9225|0.0285
      """)
    void firstAndLastRowsAsInTheFiles(WhoTable table, Sex sex, int key, double l, double m, double s) {
        assertThat(table.row(sex, key)).isEqualTo(new Lms(l, m, s));
    }

    @Test
    void lengthAndHeadCircumferenceTablesHaveLEqualToOne() {
        for (WhoTable table : List.of(WhoTable.LENGTH_HEIGHT_FOR_AGE, WhoTable.HEAD_CIRCUMFERENCE_FOR_AGE)) {
            for (Sex sex : Sex.values()) {
                for (int day = 0; day <= 1826; day++) {
                    assertThat(table.row(sex, day).l()).isEqualTo(1.0);
                }
            }
        }
    }

    @Test
    void concurrentLookupsAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Double>> tasks = IntStream.range(0, 64)
                    .<Callable<Double>>mapToObj(i -> () -> GrowthStandards.assess(GrowthInput.atAgeDays(
                                    i % 2 == 0 ? Sex.MALE : Sex.FEMALE, 500, 10.0, 78.0, MeasurePosition.LYING, false))
                            .bmiForAge()
                            .z())
                    .toList();
            List<Future<Double>> results = pool.invokeAll(tasks);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(results.get(i % 2).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
