package id.ilpatlas.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who hears which workflow event: the role table and the scope rule, case by case. */
class EventAudienceTest {

    private static final String RW_UTARA = "33.75.03.1001.RW002";
    private static final String RW_MEDONO = "33.75.01.1002.RW003";

    private static WorkflowEvent event(WorkflowEvent.Kind kind, String... rws) {
        return new WorkflowEvent(kind, "7", "33.75", List.of(rws), "X", "someone", Instant.EPOCH);
    }

    private static Caller caller(Role role, String... scope) {
        return new Caller("u", role, List.of(scope), null);
    }

    @Test
    void rolesHearByLeastPrivilege() {
        WorkflowEvent submitted = event(WorkflowEvent.Kind.SELECTION_SUBMITTED, RW_UTARA);
        WorkflowEvent published = event(WorkflowEvent.Kind.PLAN_PUBLISHED, RW_UTARA);
        WorkflowEvent cancelled = event(WorkflowEvent.Kind.PLAN_CANCELLED, RW_UTARA);
        WorkflowEvent visit = event(WorkflowEvent.Kind.VISIT_RECORDED, RW_UTARA);
        for (Role role : List.of(Role.DINKES_ADMIN, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF)) {
            Caller c = caller(role, "33.75.03.1001");
            assertThat(List.of(submitted, published, cancelled, visit))
                    .as(role.name())
                    .allMatch(e -> EventAudience.mayHear(c, e));
        }
        Caller kader = caller(Role.KADER, "33.75.03.1001");
        assertThat(EventAudience.maySubscribe(kader)).isTrue();
        assertThat(EventAudience.mayHear(kader, published)).isTrue();
        assertThat(EventAudience.mayHear(kader, cancelled)).isTrue();
        assertThat(EventAudience.mayHear(kader, submitted)).isFalse();
        assertThat(EventAudience.mayHear(kader, visit)).isFalse();
        for (Caller nobody : List.of(caller(Role.PLANNER, "33.75"), Caller.ANONYMOUS)) {
            assertThat(EventAudience.maySubscribe(nobody)).isFalse();
            assertThat(List.of(submitted, published, cancelled, visit))
                    .noneMatch(e -> EventAudience.mayHear(nobody, e));
        }
    }

    @Test
    void scopeMustCoverAnRwOrTheKabkotaOfAnEventWithout() {
        WorkflowEvent both = event(WorkflowEvent.Kind.SELECTION_CREATED, RW_UTARA, RW_MEDONO);
        Caller lurahMedono = caller(Role.LURAH, "33.75.01.1002");
        Caller lurahElsewhere = caller(Role.LURAH, "33.75.02.1001");
        Caller dinkes = caller(Role.DINKES_ADMIN, "33.75");
        assertThat(EventAudience.mayHear(lurahMedono, both)).isTrue();
        assertThat(EventAudience.visibleRwCodes(lurahMedono, both)).containsExactly(RW_MEDONO);
        assertThat(EventAudience.mayHear(lurahElsewhere, both)).isFalse();
        assertThat(EventAudience.visibleRwCodes(dinkes, both)).containsExactly(RW_UTARA, RW_MEDONO);
        // Another kab/kota's Dinkes hears nothing of it.
        assertThat(EventAudience.mayHear(caller(Role.DINKES_ADMIN, "33.74"), both))
                .isFalse();

        WorkflowEvent noRws = event(WorkflowEvent.Kind.PLAN_JOB_FAILED);
        assertThat(EventAudience.mayHear(dinkes, noRws)).isTrue();
        assertThat(EventAudience.mayHear(lurahMedono, noRws))
                .as("a kelurahan does not cover the kab/kota")
                .isFalse();

        assertThat(EventAudience.touches(both, "33.75.01")).isTrue();
        assertThat(EventAudience.touches(both, "33.75.02")).isFalse();
        assertThat(EventAudience.touches(noRws, "33.75")).isTrue();
        assertThat(EventAudience.touches(noRws, null)).isTrue();
    }
}
