package id.ilpatlas.api.targeting;

import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.api.security.Role;
import java.util.Set;

/**
 * Who may do what with a target selection. Proposers (CAMAT, LURAH, PUSKESMAS_STAFF, DINKES_ADMIN) create selections
 * of RWs inside their scope and alone withdraw and delete their own. They edit, submit and resubmit their own, and the
 * camat edits, submits and resubmits a lurah's selection whose RWs all lie in the kecamatan: the lurah proposes, the
 * camat puts the kelurahan proposals in order and sends them on (as in Bekasi). Reviewers are the
 * DINKES_ADMIN of the kab/kota and the PUSKESMAS_STAFF whose wilayah kerja covers every RW, but never the proposer:
 * not the same user, and not the staff of the puskesmas that proposed it (a puskesmas's proposal is reviewed by the
 * Dinkes, a Dinkes admin's by another Dinkes admin or by the puskesmas covering every RW).
 */
final class TargetSelectionRules {

    static final Set<String> PURPOSES = Set.of("PUSLING", "GERAKAN_INTERVENSI");
    static final int MAX_RWS = 500;
    static final int MAX_TEXT = 2000;
    static final int MAX_PERIOD_DAYS = 366;

    private TargetSelectionRules() {}

    /** The caller created the selection and still covers every RW of it. */
    static boolean isOwn(Caller caller, TargetSelection s) {
        return AccessPolicy.may(caller, Permission.PROPOSE_TARGET_SELECTIONS)
                && s.createdBy().equals(caller.actor())
                && s.rwCodes().stream().allMatch(caller::covers);
    }

    /**
     * The caller may edit, submit and resubmit the selection: its own, or a lurah's whose every RW lies in the camat's
     * kecamatan.
     */
    static boolean mayEdit(Caller caller, TargetSelection s) {
        return isOwn(caller, s)
                || (caller.role() == Role.CAMAT
                        && Role.LURAH.name().equals(s.createdRole())
                        && s.rwCodes().stream().allMatch(caller::covers));
    }

    /** The caller is a reviewer whose scope holds the selection (the Dinkes: its kab/kota; a puskesmas: every RW). */
    static boolean mayReview(Caller caller, TargetSelection s) {
        return switch (caller.role()) {
            case DINKES_ADMIN -> caller.covers(s.kabkotaCode());
            case PUSKESMAS_STAFF -> s.rwCodes().stream().allMatch(caller::covers);
            default -> false;
        };
    }

    /** The caller proposed the selection: the same user, or staff of the puskesmas that proposed it. */
    static boolean proposedBy(Caller caller, TargetSelection s) {
        return s.createdBy().equals(caller.actor())
                || (s.createdFacility() != null && s.createdFacility().equals(caller.facilityId()));
    }
}
