package id.ilpatlas.geo.synthetic;

import java.util.List;
import java.util.Objects;

/**
 * One posyandu and the RWs it serves.
 *
 * @param code facility code ({@code PSY-…}); written to the e-PPGBM {@code Posyandu} column
 * @param name display name
 * @param rwCodes codes of the RWs it serves (an RW may have none, one or several posyandu); unknown codes are
 *     ignored
 */
public record PosyanduInput(String code, String name, List<String> rwCodes) {

    /** Copies the list. */
    public PosyanduInput {
        Objects.requireNonNull(code, "code");
        rwCodes = List.copyOf(rwCodes);
    }
}
