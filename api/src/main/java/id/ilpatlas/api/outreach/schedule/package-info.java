/**
 * The Pusling schedule for the field (issue 16, item 7): {@link id.ilpatlas.api.outreach.schedule.OutreachSchedule}
 * reads the PUBLISHED (and COMPLETED) plans of an area and month with the posyandu sessions of its RWs, for the
 * lurah, camat and kader as for the Dinkes and puskesmas; {@link id.ilpatlas.api.outreach.schedule.JadwalDocuments}
 * writes a plan's printable Indonesian schedule as HTML, PDF (openhtmltopdf) and CSV in the Indonesian Excel style;
 * {@link id.ilpatlas.api.outreach.schedule.IndonesianFormat} is the one place dates, times and decimals are written in
 * Indonesian.
 */
package id.ilpatlas.api.outreach.schedule;
