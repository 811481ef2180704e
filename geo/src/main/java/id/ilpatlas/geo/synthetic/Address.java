package id.ilpatlas.geo.synthetic;

import java.util.SplittableRandom;

/**
 * The six address fields {@code Kode Kel;RT;RW;Alamat;Lintang;Bujur} of one person or household, drawn once
 * and reused for every row of that person.
 *
 * @param fields the fields joined by {@code ;}, without a leading or trailing separator
 * @param kind {@link #NO_POINT}, {@link #POINT}, {@link #POINT_OUTSIDE} or {@link #UNKNOWN_RW}
 */
record Address(String fields, int kind) {

    /** Correct RW number, no point. */
    static final int NO_POINT = 0;
    /** Correct RW number, point inside the RW. */
    static final int POINT = 1;
    /** Deliberate quirk: correct RW number, point slightly outside the RW. */
    static final int POINT_OUTSIDE = 2;
    /** Deliberate quirk: an RW number that does not exist in the kelurahan, no point. */
    static final int UNKNOWN_RW = 3;

    /** Share of people with a point. */
    static final double POINT_SHARE = 0.60;
    /** Share of people with a deliberately wrong address (half each quirk). */
    static final double QUIRK_SHARE = 0.01;

    /**
     * Draws an address in {@code site}.
     *
     * @param paddedNumbers RT and RW as three digits ({@code 003}) instead of plain numbers ({@code 3})
     */
    static Address draw(Site site, boolean paddedNumbers, SplittableRandom random) {
        int kind;
        double u = random.nextDouble();
        if (u < QUIRK_SHARE / 2 && site.hasGeometry()) {
            kind = POINT_OUTSIDE;
        } else if (u < QUIRK_SHARE) {
            kind = UNKNOWN_RW;
        } else {
            kind = site.hasGeometry() && random.nextDouble() < POINT_SHARE ? POINT : NO_POINT;
        }
        StringBuilder sb = new StringBuilder(96);
        CsvOut.text(sb, site.kelurahanCode).append(';');
        number(sb, 1 + random.nextInt(site.rtCount), paddedNumbers).append(';');
        number(sb, kind == UNKNOWN_RW ? site.unknownRwNumber : site.rwNumber, paddedNumbers)
                .append(';');
        sb.append("Jl. ").append(Draw.oneOf(site.streets, random));
        if (random.nextDouble() < 0.25) {
            sb.append(" Gg. ").append(1 + random.nextInt(9));
        }
        sb.append(" No. ").append(1 + random.nextInt(120)).append(';');
        if (kind == POINT || kind == POINT_OUTSIDE) {
            double[] lonLat = kind == POINT ? site.pointInside(random) : site.pointJustOutside(random);
            CsvOut.decimal(sb, lonLat[1], 6).append(';');
            CsvOut.decimal(sb, lonLat[0], 6);
        } else {
            sb.append(';');
        }
        return new Address(sb.toString(), kind);
    }

    private static StringBuilder number(StringBuilder sb, int value, boolean padded) {
        return padded ? CsvOut.pad(sb, value, 3) : sb.append(value);
    }
}
