package id.ilpatlas.geo.synthetic;

import java.nio.file.Path;

/**
 * The four files written by {@link SyntheticCases#writeAll(Path)}, each with its summary. Every file name
 * contains {@code synthetic}.
 *
 * @param eppgbm e-PPGBM file, e.g. {@code eppgbm-synthetic-2026.csv}
 * @param eppgbmSummary what it holds
 * @param sitb SITB file, e.g. {@code sitb-synthetic-2026.csv}
 * @param sitbSummary what it holds
 * @param p3ke P3KE file, e.g. {@code p3ke-synthetic-2026.csv}
 * @param p3keSummary what it holds
 * @param permaisuri PERMAISURI file, e.g. {@code permaisuri-synthetic-2026.csv}
 * @param permaisuriSummary what it holds
 */
public record GeneratedFiles(
        Path eppgbm,
        EppgbmSummary eppgbmSummary,
        Path sitb,
        SitbSummary sitbSummary,
        Path p3ke,
        P3keSummary p3keSummary,
        Path permaisuri,
        PermaisuriSummary permaisuriSummary) {}
