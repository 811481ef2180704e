package id.ilpatlas.geo.tile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Mapbox Vector Tile (spec 2.1, protobuf) into layers of features with decoded properties and geometry
 * commands; enough to check what a tile holds (no projection back to lon/lat: coordinates stay in tile units, 0 to
 * {@code extent}, y down). Hand-written: the protobuf wire format of the four messages Tile, Layer, Feature, Value.
 */
public final class MvtReader {

    /** A decoded layer. */
    public record Layer(String name, int version, int extent, List<Feature> features) {}

    /**
     * A decoded feature: type 1 point, 2 line, 3 polygon; rings (or lines, or points) in tile units, each a list of
     * {@code [x, y]}.
     */
    public record Feature(Long id, int type, Map<String, Object> properties, List<List<int[]>> parts) {}

    private final byte[] buf;
    private int pos;
    private int limit;

    private MvtReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.limit = to;
    }

    /** Static one-liner: every layer of a tile, by name. */
    public static Map<String, Layer> read(byte[] tile) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        MvtReader r = new MvtReader(tile, 0, tile.length);
        while (r.pos < r.limit) {
            long key = r.varint();
            if ((key >>> 3) == 3 && (key & 7) == 2) {
                int len = (int) r.varint();
                Layer layer = new MvtReader(tile, r.pos, r.pos + len).layer();
                layers.put(layer.name(), layer);
                r.pos += len;
            } else {
                r.skip((int) (key & 7));
            }
        }
        return layers;
    }

    private Layer layer() {
        String name = null;
        int version = 1;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<int[]> featureRanges = new ArrayList<>();
        while (pos < limit) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 15 && wire == 0) {
                version = (int) varint();
            } else if (field == 1 && wire == 2) {
                name = string();
            } else if (field == 2 && wire == 2) {
                int len = (int) varint();
                featureRanges.add(new int[] {pos, pos + len});
                pos += len;
            } else if (field == 3 && wire == 2) {
                keys.add(string());
            } else if (field == 4 && wire == 2) {
                int len = (int) varint();
                values.add(new MvtReader(buf, pos, pos + len).value());
                pos += len;
            } else if (field == 5 && wire == 0) {
                extent = (int) varint();
            } else {
                skip(wire);
            }
        }
        List<Feature> features = new ArrayList<>();
        for (int[] range : featureRanges) {
            features.add(new MvtReader(buf, range[0], range[1]).feature(keys, values));
        }
        return new Layer(name, version, extent, features);
    }

    private Object value() {
        Object value = null;
        while (pos < limit) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> value = string();
                case 2 -> value = Float.intBitsToFloat(fixed32());
                case 3 -> value = Double.longBitsToDouble(fixed64());
                case 4, 5 -> value = varint();
                case 6 -> {
                    long v = varint();
                    value = (v >>> 1) ^ -(v & 1);
                }
                case 7 -> value = varint() != 0;
                default -> skip(wire);
            }
        }
        return value;
    }

    private Feature feature(List<String> keys, List<Object> values) {
        Long id = null;
        int type = 0;
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Integer> geometry = new ArrayList<>();
        while (pos < limit) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 0) {
                id = varint();
            } else if (field == 2 && wire == 2) {
                int len = (int) varint();
                int end = pos + len;
                while (pos < end) {
                    int k = (int) varint();
                    int v = (int) varint();
                    properties.put(keys.get(k), values.get(v));
                }
            } else if (field == 3 && wire == 0) {
                type = (int) varint();
            } else if (field == 4 && wire == 2) {
                int len = (int) varint();
                int end = pos + len;
                while (pos < end) {
                    geometry.add((int) varint());
                }
            } else {
                skip(wire);
            }
        }
        return new Feature(id, type, properties, parts(geometry));
    }

    /** Geometry commands (MoveTo 1, LineTo 2, ClosePath 7) with zig-zag deltas to absolute coordinates. */
    private static List<List<int[]>> parts(List<Integer> commands) {
        List<List<int[]>> parts = new ArrayList<>();
        List<int[]> current = null;
        int x = 0;
        int y = 0;
        int i = 0;
        while (i < commands.size()) {
            int header = commands.get(i++);
            int id = header & 7;
            int count = header >>> 3;
            if (id == 7) {
                if (current != null && !current.isEmpty()) {
                    current.add(current.get(0));
                }
                continue;
            }
            for (int c = 0; c < count; c++) {
                x += zigzag(commands.get(i++));
                y += zigzag(commands.get(i++));
                if (id == 1) {
                    current = new ArrayList<>();
                    parts.add(current);
                }
                current.add(new int[] {x, y});
            }
        }
        return parts;
    }

    private static int zigzag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private long varint() {
        long result = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    private int fixed32() {
        int v = (buf[pos] & 0xff)
                | (buf[pos + 1] & 0xff) << 8
                | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long fixed64() {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    private String string() {
        int len = (int) varint();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    private void skip(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> pos += (int) varint();
            case 5 -> pos += 4;
            default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire + " at byte " + pos);
        }
    }
}
