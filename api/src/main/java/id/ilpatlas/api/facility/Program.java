package id.ilpatlas.api.facility;

import java.time.LocalDate;
import java.util.List;

/** A health programme as data. */
public record Program(
        String key,
        String name,
        String description,
        List<String> targetSegments,
        LocalDate periodStart,
        LocalDate periodEnd,
        boolean synthetic) {}
