package id.ilpatlas.api.outreach.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Indonesian dates, times and decimals, whatever the JVM's default locale. */
class IndonesianFormatTest {

    @Test
    void datesTimesAndDecimalsAreIndonesianUnderAnyDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            for (Locale jvm : new Locale[] {Locale.US, Locale.GERMANY, new Locale("id", "ID")}) {
                Locale.setDefault(jvm);
                assertThat(IndonesianFormat.longDate(LocalDate.of(2026, 12, 7))).isEqualTo("Senin, 7 Desember 2026");
                assertThat(IndonesianFormat.longDate(LocalDate.of(2027, 1, 1))).isEqualTo("Jumat, 1 Januari 2027");
                assertThat(IndonesianFormat.longDate(LocalDate.of(2026, 8, 16))).isEqualTo("Minggu, 16 Agustus 2026");
                assertThat(IndonesianFormat.dayName(LocalDate.of(2026, 12, 9))).isEqualTo("Rabu");
                assertThat(IndonesianFormat.dayName(LocalDate.of(2026, 12, 10))).isEqualTo("Kamis");
                assertThat(IndonesianFormat.dayName(LocalDate.of(2026, 12, 12))).isEqualTo("Sabtu");
                assertThat(IndonesianFormat.dayName(LocalDate.of(2026, 12, 8))).isEqualTo("Selasa");
                assertThat(IndonesianFormat.month(YearMonth.of(2027, 2))).isEqualTo("Februari 2027");
                assertThat(IndonesianFormat.time(LocalTime.of(8, 5, 59))).isEqualTo("08.05");
                assertThat(IndonesianFormat.timeRange(LocalTime.of(8, 0), LocalTime.of(14, 30)))
                        .isEqualTo("08.00\u201314.30");
                assertThat(IndonesianFormat.decimal(1.25, 2)).isEqualTo("1,25");
                assertThat(IndonesianFormat.decimal(12345.5, 1)).isEqualTo("12345,5");
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void vehiclesAndTitlesAreWrittenForTheField() {
        assertThat(IndonesianFormat.vehicle("MOBIL_PUSLING")).isEqualTo("Mobil Pusling");
        assertThat(IndonesianFormat.vehicle("AMBULANS")).isEqualTo("Ambulans");
        assertThat(IndonesianFormat.vehicle("MOTOR")).isEqualTo("Sepeda motor");
        assertThat(JadwalDocuments.title("Medono Januari 2027")).isEqualTo("Jadwal Pusling Medono Januari 2027");
        assertThat(JadwalDocuments.title("Pusling Medono Januari 2027"))
                .isEqualTo("Jadwal Pusling Medono Januari 2027");
        assertThat(JadwalDocuments.title("pusling medono")).isEqualTo("Jadwal pusling medono");
        assertThat(JadwalDocuments.title("Puskesmas Medono")).isEqualTo("Jadwal Pusling Puskesmas Medono");
    }
}
