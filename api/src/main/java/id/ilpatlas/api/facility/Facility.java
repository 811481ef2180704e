package id.ilpatlas.api.facility;

import id.ilpatlas.api.graphql.GeoJson;
import java.util.List;

/**
 * A health facility as the API shows it.
 *
 * @param internalId    database key, used for batched joins; never shown
 * @param id            stable facility code, e.g. {@code PKM-3375-TIRTO}
 * @param location      GeoJSON Point, [lon, lat]
 * @param kelurahanCode the kelurahan the point lies in
 * @param parentId      database key of the parent facility, null at the top
 */
public record Facility(
        long internalId,
        String id,
        String name,
        FacilityType type,
        GeoJson location,
        LocationQuality locationQuality,
        String locationNote,
        String kelurahanCode,
        boolean synthetic,
        Long parentId,
        boolean active,
        int version,
        Address address,
        List<String> segments,
        KaderCount kader) {

    /** How trustworthy a facility's point is. */
    public enum LocationQuality {
        SURVEYED,
        APPROXIMATE
    }

    /** Street, RT and the RW key of the address. */
    public record Address(String street, Integer rt, String rwCode) {}

    /** Kader counts of a posyandu. */
    public record KaderCount(int purwa, int madya, int utama) {
        public int total() {
            return purwa + madya + utama;
        }
    }

    public String satusehatOrganizationType() {
        return type.satusehatOrganizationType();
    }
}
