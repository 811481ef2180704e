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
        response.path("facilities.edges[*].node.type").entityList(String.class).hasSize(14)
                .satisfies(types -> assertThat(types).containsOnly("PUSKESMAS"));
        // 7 exact name matches in the 2016 survey; Jenggot's point is a candidate; 6 have no coordinates.
        List<String> quality = response.path("facilities.edges[*].node.locationQuality").entityList(String.class).get();
        assertThat(quality.stream().filter("SURVEYED"::equals)).hasSize(7);
        assertThat(quality.stream().filter("APPROXIMATE"::equals)).hasSize(7);
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-TIRTO')].node.location")
                .entityList(Map.class).satisfies(locations -> assertThat(locations).singleElement()
                        .isEqualTo(Map.of("type", "Point", "coordinates", List.of(109.6487302, -6.8937032))));
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-TIRTO')].node.kelurahan.code")
                .entityList(String.class).containsExactly("33.75.01.1009");
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-JENGGOT')].node.locationQuality")
                .entityList(String.class).containsExactly("APPROXIMATE");
        response.path("facilities.edges[?(@.node.id == 'PKM-3375-KUSUMA-BANGSA')].node.kelurahan.code")
                .entityList(String.class).containsExactly("33.75.03.1004");
    }

    @Test
    void everyApproximatePointSaysWhyAndEveryPointLiesInItsKelurahan() {
        var response = graphQl.documentName("puskesmas").execute();
        response.path("facilities.edges[?(@.node.locationQuality == 'APPROXIMATE')].node.locationNote")
                .entityList(String.class).hasSize(7)
                .satisfies(notes -> assertThat(notes).allSatisfy(note -> assertThat(note).isNotBlank()));
        int outside = jdbc.sql("""
                SELECT count(*) FROM facilities f JOIN regions k ON k.code = f.kelurahan_code
                 WHERE NOT ST_Intersects(k.geom, f.location)""").query(Integer.class).single();
        assertThat(outside).isZero();
    }

    @Test
    void pagesOfFiveCoverAllFourteen() {
        var first = graphQl.documentName("puskesmas").variable("first", 5).execute();
        first.path("facilities.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = first.path("facilities.pageInfo.endCursor").entity(String.class).get();
        var second = graphQl.documentName("puskesmas").variable("first", 10).variable("after", cursor).execute();
        second.path("facilities.edges").entityList(Object.class).hasSize(9);
        second.path("facilities.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }
}
