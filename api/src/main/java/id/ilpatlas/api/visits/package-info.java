/**
 * Realisation of Pusling plans (issue 16, item 6): {@link id.ilpatlas.api.visits.OutreachVisits} records the visits
 * that happened (counts per life-cycle segment, catalogue services, referrals; no person) against the stops of
 * published plans, or unplanned; {@link id.ilpatlas.api.visits.OutreachRealisation} compares planned with done per
 * month and per RW, kelurahan, kecamatan and kota; the last visit per RW also feeds {@code targetCandidates}.
 */
package id.ilpatlas.api.visits;
