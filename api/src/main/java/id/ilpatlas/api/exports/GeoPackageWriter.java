package id.ilpatlas.api.exports;

import id.ilpatlas.api.tiles.RwIndicatorFeatures.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes one feature table to an OGC GeoPackage 1.4 file (SQLite): {@code gpkg_spatial_ref_sys} (with EPSG:4326 and
 * the two undefined systems the spec requires), {@code gpkg_contents}, {@code gpkg_geometry_columns} and the feature
 * table, whose geometries are GeoPackage binary: header {@code GP}, version 0, flags (little-endian, xy envelope),
 * SRS id, envelope, then WKB (JTS {@link WKBWriter}, little-endian). {@code application_id} is 'GPKG',
 * {@code user_version} 10400.
 */
final class GeoPackageWriter {

    static final int APPLICATION_ID = 0x47504B47;
    static final int USER_VERSION = 10400;
    static final int SRS_ID = 4326;

    /** A feature: geometry in EPSG:4326 ([lon, lat]) and its properties by column name. */
    record Feature(Geometry geometry, Map<String, Object> properties) {}

    private GeoPackageWriter() {}

    /** The GeoPackage bytes of one feature table. */
    static byte[] write(
            String table, String description, String geometryType, List<Column> columns, List<Feature> features) {
        Path file = null;
        try {
            file = Files.createTempFile("atlas-export-", ".gpkg");
            Files.delete(file);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA application_id = " + APPLICATION_ID);
                    s.execute("PRAGMA user_version = " + USER_VERSION);
                    s.execute("""
                            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
                              organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
                              definition TEXT NOT NULL, description TEXT)""");
                    s.execute("""
                            INSERT INTO gpkg_spatial_ref_sys VALUES
                              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
                              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
                              ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')""");
                    s.execute("""
                            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
                              identifier TEXT UNIQUE, description TEXT DEFAULT '',
                              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""");
                    s.execute("""
                            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                              geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
                              m TINYINT NOT NULL,
                              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                              CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""");
                    StringBuilder ddl = new StringBuilder("CREATE TABLE \"" + table
                            + "\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom " + geometryType);
                    for (Column col : columns) {
                        ddl.append(", \"").append(col.name()).append("\" ").append(col.sqlType());
                    }
                    s.execute(ddl.append(")").toString());
                }
                Envelope all = new Envelope();
                features.forEach(f -> all.expandToInclude(f.geometry().getEnvelopeInternal()));
                try (PreparedStatement p = c.prepareStatement("""
                        INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x,
                                                   max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)""")) {
                    p.setString(1, table);
                    p.setString(2, table);
                    p.setString(3, description);
                    p.setDouble(4, all.isNull() ? 0 : all.getMinX());
                    p.setDouble(5, all.isNull() ? 0 : all.getMinY());
                    p.setDouble(6, all.isNull() ? 0 : all.getMaxX());
                    p.setDouble(7, all.isNull() ? 0 : all.getMaxY());
                    p.setInt(8, SRS_ID);
                    p.executeUpdate();
                }
                try (PreparedStatement p =
                        c.prepareStatement("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)")) {
                    p.setString(1, table);
                    p.setString(2, geometryType);
                    p.setInt(3, SRS_ID);
                    p.executeUpdate();
                }
                StringBuilder insert = new StringBuilder("INSERT INTO \"" + table + "\" (geom");
                columns.forEach(col -> insert.append(", \"").append(col.name()).append('"'));
                insert.append(") VALUES (?")
                        .append(", ?".repeat(columns.size()))
                        .append(')');
                try (PreparedStatement p = c.prepareStatement(insert.toString())) {
                    for (Feature f : features) {
                        p.setBytes(1, geometryBlob(f.geometry()));
                        for (int i = 0; i < columns.size(); i++) {
                            Object v = f.properties().get(columns.get(i).name());
                            if (v == null) {
                                p.setNull(i + 2, Types.NULL);
                            } else if (v instanceof Boolean b) {
                                p.setInt(i + 2, b ? 1 : 0);
                            } else {
                                p.setObject(i + 2, v);
                            }
                        }
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the GeoPackage failed: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(Path.of(file + "-journal"));
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** GeoPackage binary geometry: header with the xy envelope, then little-endian WKB. */
    static byte[] geometryBlob(Geometry g) {
        byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(g);
        Envelope e = g.getEnvelopeInternal();
        ByteBuffer b = ByteBuffer.allocate(8 + 32 + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G').put((byte) 'P').put((byte) 0);
        b.put((byte) 0b0000_0011); // bit 0: little-endian; bits 1-3 = 1: envelope [minx, maxx, miny, maxy]
        b.putInt(SRS_ID);
        b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
        b.put(wkb);
        return b.array();
    }
}
