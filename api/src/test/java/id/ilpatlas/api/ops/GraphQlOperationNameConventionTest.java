package id.ilpatlas.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Operation names as metric tag values: plain names only, a bounded number of them. */
class GraphQlOperationNameConventionTest {

    @Test
    void plainNamesPassOthersAreAnonymousInvalidOrOther() {
        GraphQlOperationNameConvention convention = new GraphQlOperationNameConvention(2);
        assertThat(convention.tagValue(null)).isEqualTo("anonymous");
        assertThat(convention.tagValue("")).isEqualTo("anonymous");
        assertThat(convention.tagValue("Regions_2")).isEqualTo("Regions_2");
        assertThat(convention.tagValue("2Regions")).isEqualTo("invalid");
        assertThat(convention.tagValue("a\"} x")).isEqualTo("invalid");
        assertThat(convention.tagValue("A" + "b".repeat(63))).isEqualTo("A" + "b".repeat(63));
        assertThat(convention.tagValue("A" + "b".repeat(64))).isEqualTo("invalid");
        assertThat(convention.tagValue("Third")).as("beyond the cap of 2 names").isEqualTo("other");
        assertThat(convention.tagValue("Regions_2"))
                .as("a name already seen stays")
                .isEqualTo("Regions_2");
    }
}
