package id.ilpatlas.api.facility;

import java.util.ArrayList;
import java.util.List;

/** A service of the ILP catalogue. */
public record Service(
        String key,
        String name,
        String klaster,
        String segment,
        boolean atPuskesmas,
        boolean atPustu,
        boolean atPosyandu,
        boolean atHomeVisit,
        String notes) {

    /** The {@code DeliveryLevel} names where it is delivered. */
    public List<String> deliveryLevels() {
        List<String> levels = new ArrayList<>();
        if (atPuskesmas) {
            levels.add("PUSKESMAS");
        }
        if (atPustu) {
            levels.add("PUSTU");
        }
        if (atPosyandu) {
            levels.add("POSYANDU");
        }
        if (atHomeVisit) {
            levels.add("KUNJUNGAN_RUMAH");
        }
        return levels;
    }
}
