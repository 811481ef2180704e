package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 14 puskesmas of Kota Pekalongan through GraphQL. */
class FacilityGraphQlTest extends IntegrationTest {

    @Test
    void fourteenPuskesmasWithPointsAndLocationQuality() {
        var response = graphQl.documentName("puskesmas").execute();
        response.path("facilities.totalCount").entity(Integer.class).isEqualTo(14);
        response.path("facilities.edges[*].node.type")
                .entityList(String.class)
                .hasSize(14)
                .satisfies(types -> assertThat(types).containsOnly("PUSKESMAS"));
        // 7 exact name matches in the 2016 survey; Jenggot's point is a candidate; 6 have no coordinates.
        List<String> quality = response.path("facilities.edges[*].node.locationQuality")
                .entityList(String.class)
                .get();
        assertThat(quality.stream().filter("SURVEYED"::equals)).hasSize(7);
        assertThat(quality.stream().filter("APPROXIMATE"::equals)).hasSize(7);
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-TIRTO')].node.location")
                .entityList(Map.class)
                .satisfies(locations -> assertThat(locations)
                        .singleElement()
                        .isEqualTo(Map.of("type", "Point", "coordinates", List.of(109.6487302, -6.8937032))));
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-TIRTO')].node.kelurahan.code")
                .entityList(String.class)
                .containsExactly("33.75.01.1009");
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-JENGGOT')].node.locationQuality")
                .entityList(String.class)
                .containsExactly("APPROXIMATE");
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-KUSUMA-BANGSA')].node.kelurahan.code")
                .entityList(String.class)
                .containsExactly("33.75.03.1004");
    }

    @Test
    void everyApproximatePointSaysWhyAndEveryPointLiesInItsKelurahan() {
        var response = graphQl.documentName("puskesmas").execute();
        response.path("facilities.edges[?(@.node.locationQuality == 'APPROXIMATE')].node.locationNote")
                .entityList(String.class)
                .hasSize(7)
                .satisfies(notes ->
                        assertThat(notes).allSatisfy(note -> assertThat(note).isNotBlank()));
        int outside = jdbc.sql("""
                SELECT count(*) FROM facilities f JOIN regions k ON k.code = f.kelurahan_code
                 WHERE NOT ST_Intersects(k.geom, f.location)""").query(Integer.class).single();
        assertThat(outside).isZero();
    }

    @Test
    void pagesOfFiveCoverAllFourteen() {
        var first = graphQl.documentName("puskesmas").variable("first", 5).execute();
        first.path("facilities.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor =
                first.path("facilities.pageInfo.endCursor").entity(String.class).get();
        var second = graphQl.documentName("puskesmas")
                .variable("first", 10)
                .variable("after", cursor)
                .execute();
        second.path("facilities.edges").entityList(Object.class).hasSize(9);
        second.path("facilities.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void facilityPageShowsTheNetworkServicesAndNextSessions() {
        String id = jdbc.sql(
                        "SELECT min(code) FROM facilities WHERE type = 'POSYANDU' AND kelurahan_code = '33.75.01.1002'")
                .query(String.class)
                .single();
        var response = graphQl.documentName("facilityPage")
                .variable("id", id)
                .variable("from", "2026-12-01")
                .execute();
        response.path("facility.type").entity(String.class).isEqualTo("POSYANDU");
        response.path("facility.satusehatOrganizationType").entity(String.class).isEqualTo("131");
        response.path("facility.kelurahan.code").entity(String.class).isEqualTo("33.75.01.1002");
        response.path("facility.parent.parent.id").entity(String.class).isEqualTo("DINKES-3375");
        response.path("facility.services[*].key")
                .entityList(String.class)
                .satisfies(keys -> assertThat(keys).contains("PANTAU_TUMBANG", "IMUNISASI_RUTIN"));
        response.path("facility.kader.total")
                .entity(Integer.class)
                .satisfies(total -> assertThat(total).isGreaterThanOrEqualTo(5));
        response.path("facility.catchment[*].code")
                .entityList(String.class)
                .satisfies(codes -> assertThat(codes)
                        .isNotEmpty()
                        .allSatisfy(c -> assertThat(c).startsWith("33.75.01.1002.RW")));
        response.path("facility.nextSessions[*].date")
                .entityList(String.class)
                .hasSize(3)
                .satisfies(dates -> assertThat(dates)
                        .isSorted()
                        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo("2026-12-01")));
        response.path("facility.sessions[0].description")
                .entity(String.class)
                .satisfies(text -> assertThat(text)
                        .matches("(\\d(st|nd|rd|th)|last) \\w+day of each month, \\d\\d:\\d\\d–\\d\\d:\\d\\d"));
    }

    @Test
    void nearestPuskesmasAreOrderedByGeodesicDistance() {
        var response = graphQl.documentName("nearestPuskesmas")
                .variable("longitude", 109.700)
                .variable("latitude", -6.885)
                .execute();
        List<String> expected = jdbc.sql("""
                SELECT code FROM facilities WHERE type = 'PUSKESMAS' AND active
                 ORDER BY ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(109.700, -6.885), 4326)::geography), code
                 LIMIT 3""").query(String.class).list();
        response.path("nearestFacilities[*].facility.id")
                .entityList(String.class)
                .isEqualTo(expected);
        response.path("nearestFacilities[*].distanceMeters")
                .entityList(Double.class)
                .satisfies(d ->
                        assertThat(d).isSorted().allSatisfy(m -> assertThat(m).isBetween(1.0, 10_000.0)));
    }

    @Test
    void swappedCoordinatesAreATypedErrorAndNothingIsWritten() {
        Map<String, Object> input = Map.of(
                "code",
                "PSY-TEST-SWAPPED",
                "name",
                "Posyandu Uji",
                "type",
                "POSYANDU",
                "kelurahanCode",
                "3375011002",
                "location",
                Map.of("longitude", -6.9030, "latitude", 109.6658));
        var response =
                graphQl.documentName("createPosyandu").variable("input", input).execute();
        response.path("createFacility.facility").valueIsNull();
        response.path("createFacility.errors[0].__typename")
                .entity(String.class)
                .isEqualTo("SwappedCoordinatesError");
        response.path("createFacility.errors[0].field").entityList(String.class).containsExactly("input", "location");
        response.path("createFacility.errors[0].suggestedLongitude")
                .entity(Double.class)
                .isEqualTo(109.6658);
        response.path("createFacility.errors[0].suggestedLatitude")
                .entity(Double.class)
                .isEqualTo(-6.9030);
        assertThat(jdbc.sql("SELECT count(*) FROM facilities WHERE code = 'PSY-TEST-SWAPPED'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
