/**
 * The service calendar (issue 16): national holidays and cuti bersama of the SKB 3 Menteri shipped as data
 * ({@link id.ilpatlas.api.calendar.NationalCalendarLoader}), days off of a kab/kota kept by its Dinkes, and the one
 * question planning asks ({@link id.ilpatlas.api.calendar.CalendarDaysOff#daysOff}).
 */
package id.ilpatlas.api.calendar;
