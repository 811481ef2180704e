package id.ilpatlas.geo.synthetic;

import java.util.List;

/**
 * The geography a synthetic case set is generated for: plain records the api module fills from the database.
 * The order of the lists is part of the input: the same lists in the same order give byte-identical files.
 *
 * @param rws the RWs of the city (codes unique)
 * @param posyandu posyandu with the RWs they serve
 * @param puskesmas puskesmas with their wilayah kerja
 */
public record CityInput(List<RwInput> rws, List<PosyanduInput> posyandu, List<PuskesmasInput> puskesmas) {

    /** Copies the lists. */
    public CityInput {
        rws = List.copyOf(rws);
        posyandu = List.copyOf(posyandu);
        puskesmas = List.copyOf(puskesmas);
    }
}
