package id.ilpatlas.api.road;

import com.google.protobuf.InvalidProtocolBufferException;
import crosby.binary.BinaryParser;
import crosby.binary.Osmformat;
import crosby.binary.file.BlockInputStream;
import crosby.binary.file.FileBlock;
import crosby.binary.file.FileBlockPosition;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the roads of an OpenStreetMap {@code .osm.pbf} extract with the OSM project's PBF library
 * ({@code org.openstreetmap.pbf:osmpbf}), in two passes over the file so that memory stays bounded by the roads, not
 * by the extract:
 * <ol>
 *   <li>the ways: those with a road {@code highway} tag ({@link OsmTags}) are kept with their node ids;</li>
 *   <li>the nodes (plain and dense): coordinates are kept only for the nodes those ways use.</li>
 * </ol>
 * Each way is then cut into pieces at its ends and at every node that two or more ways use (or that a way passes
 * twice): the junctions of the graph are the shared OSM nodes, so a bridge is joined only to the roads it shares a
 * node with, never to the road it crosses. A way tagged {@code oneway=-1} is turned round. A way whose nodes are
 * missing from the extract (cut at the extract's edge) keeps its runs of present nodes.
 *
 * <p>Files larger than {@link #MAX_BYTES} are refused before any work: an extract of one kab/kota is a few to a few
 * tens of megabytes; a province or island extract must be cut to the kab/kota first (README).
 */
final class OsmPbfRoadReader {

    /** The largest extract read (128 MiB, about a metropolitan kab/kota with all its buildings). */
    static final long MAX_BYTES = 128L * 1024 * 1024;

    static final String FORMAT = "OSM PBF";

    /** Features this reader cannot honour. */
    private static final Set<String> KNOWN_FEATURES = Set.of("OsmSchema-V0.6", "DenseNodes");

    private OsmPbfRoadReader() {}

    static boolean isPbf(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".pbf");
    }

    static RoadLayer read(Path file) {
        String sourceName = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return RoadLayer.failed(sourceName, FORMAT, "cannot be read (" + e.getMessage() + ")");
        }
        if (size > MAX_BYTES) {
            return RoadLayer.failed(
                    sourceName,
                    FORMAT,
                    String.format(
                            Locale.ROOT,
                            "is %.0f MiB, more than the %d MiB limit for the extract of one kab/kota: cut it to the kab/kota "
                                    + "first (osmium extract -p boundary.geojson, see the README)",
                            size / 1048576.0,
                            MAX_BYTES / (1024 * 1024)));
        }
        WayPass ways = new WayPass();
        try {
            run(file, ways);
            if (ways.error != null) {
                return RoadLayer.failed(sourceName, FORMAT, ways.error);
            }
            NodeIndex index = NodeIndex.of(ways);
            run(file, new NodePass(index));
            return ways.pieces(sourceName, index);
        } catch (IOException | InvalidPbf e) {
            return RoadLayer.failed(sourceName, FORMAT, "not a readable .osm.pbf file (" + e.getMessage() + ")");
        }
    }

    private static void run(Path file, Pass pass) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            new BlockInputStream(in, pass).process();
        } catch (RuntimeException e) {
            throw new InvalidPbf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** A pass over the file: the library's parser with errors that name the problem and no console output. */
    private abstract static class Pass extends BinaryParser {

        String error;

        @Override
        public void handleBlock(FileBlock block) {
            try {
                if ("OSMHeader".equals(block.getType())) {
                    parse(Osmformat.HeaderBlock.parseFrom(block.getData()));
                } else if ("OSMData".equals(block.getType())) {
                    parse(Osmformat.PrimitiveBlock.parseFrom(block.getData()));
                }
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidPbf("a " + block.getType() + " block does not parse: " + e.getMessage());
            }
        }

        @Override
        public boolean skipBlock(FileBlockPosition block) {
            return !"OSMData".equals(block.getType()) && !"OSMHeader".equals(block.getType());
        }

        @Override
        protected void parse(Osmformat.HeaderBlock header) {
            for (String feature : header.getRequiredFeaturesList()) {
                if (!KNOWN_FEATURES.contains(feature)) {
                    error = "needs the PBF feature '" + feature + "', which this reader does not support"
                            + ("HistoricalInformation".equals(feature)
                                    ? " (a history file: use a current extract)"
                                    : "");
                }
            }
        }

        @Override
        protected void parseRelations(List<Osmformat.Relation> relations) {}

        @Override
        protected void parseDense(Osmformat.DenseNodes nodes) {}

        @Override
        protected void parseNodes(List<Osmformat.Node> nodes) {}

        @Override
        protected void parseWays(List<Osmformat.Way> ways) {}

        @Override
        public void complete() {}
    }

    /** A road way as kept by the first pass. */
    private record Way(
            long id,
            long[] nodes,
            RoadClass roadClass,
            String sourceClass,
            String name,
            OsmTags.Direction direction,
            boolean gradeSeparated) {}

    /** Pass 1: the road ways and their node ids. */
    private static final class WayPass extends Pass {
        final List<Way> ways = new ArrayList<>();
        final RoadLayer.Skips skips = new RoadLayer.Skips();
        int highwayWays;
        long otherWays;
        long nodeRefs;

        @Override
        protected void parseWays(List<Osmformat.Way> list) {
            for (Osmformat.Way way : list) {
                Map<String, String> tags = new HashMap<>();
                for (int i = 0; i < way.getKeysCount(); i++) {
                    tags.put(getStringById(way.getKeys(i)), getStringById(way.getVals(i)));
                }
                if (!tags.containsKey("highway")) {
                    otherWays++;
                    continue;
                }
                highwayWays++;
                String reason = OsmTags.skipReason(tags);
                if (reason != null) {
                    skips.add(reason, "way " + way.getId());
                    continue;
                }
                long[] nodes = new long[way.getRefsCount()];
                long ref = 0;
                for (int i = 0; i < nodes.length; i++) {
                    ref += way.getRefs(i);
                    nodes[i] = ref;
                }
                nodeRefs += nodes.length;
                ways.add(new Way(
                        way.getId(),
                        nodes,
                        OsmTags.roadClass(tags),
                        OsmTags.sourceClass(tags),
                        OsmTags.name(tags),
                        OsmTags.direction(tags),
                        OsmTags.gradeSeparated(tags)));
            }
        }

        /** Pieces of every way between junctions, with the nodes' coordinates of pass 2. */
        RoadLayer pieces(String sourceName, NodeIndex index) {
            List<RoadLine> lines = new ArrayList<>();
            int waysCut = 0;
            long missingRefs = 0;
            for (Way way : ways) {
                List<Integer> run = new ArrayList<>();
                boolean cut = false;
                for (int i = 0; i < way.nodes().length; i++) {
                    int at = index.position(way.nodes()[i]);
                    if (at < 0 || Double.isNaN(index.lon[at])) {
                        missingRefs++;
                        cut = true;
                        emit(way, run, index, lines);
                        run.clear();
                        continue;
                    }
                    if (!run.isEmpty() && run.get(run.size() - 1) == at) {
                        continue;
                    }
                    run.add(at);
                    if (run.size() > 1 && index.uses[at] > 1) {
                        emit(way, run, index, lines);
                        run.clear();
                        run.add(at);
                    }
                }
                emit(way, run, index, lines);
                waysCut += cut ? 1 : 0;
            }
            List<String> notes = new ArrayList<>();
            notes.add(String.format(
                    Locale.ROOT,
                    "%d ways without a highway tag not read; %d road ways, %d nodes " + "of roads",
                    otherWays,
                    ways.size(),
                    index.ids.length));
            if (waysCut > 0) {
                notes.add(String.format(
                        Locale.ROOT,
                        "%d ways use %d nodes missing from the extract (cut at its edge):"
                                + " kept up to the missing nodes",
                        waysCut,
                        missingRefs));
            }
            return new RoadLayer(
                    sourceName, FORMAT, true, highwayWays, lines, List.of(), skips.lines(), skips.total(), notes, null);
        }

        /** One piece: node positions {@code run} of the index, at least two distinct points. */
        private static void emit(Way way, List<Integer> run, NodeIndex index, List<RoadLine> lines) {
            if (run.size() < 2) {
                return;
            }
            boolean distinct = false;
            int first = run.get(0);
            for (int at : run) {
                distinct |= index.lon[at] != index.lon[first] || index.lat[at] != index.lat[first];
            }
            if (!distinct) {
                return;
            }
            boolean backward = way.direction() == OsmTags.Direction.BACKWARD;
            StringBuilder wkt = new StringBuilder("LINESTRING(");
            for (int k = 0; k < run.size(); k++) {
                int at = run.get(backward ? run.size() - 1 - k : k);
                wkt.append(k == 0 ? "" : ",").append(index.lon[at]).append(' ').append(index.lat[at]);
            }
            long from = index.ids[run.get(0)];
            long to = index.ids[run.get(run.size() - 1)];
            lines.add(new RoadLine(
                    way.id(),
                    List.of(wkt.append(')').toString()),
                    way.roadClass(),
                    way.sourceClass(),
                    way.name(),
                    way.direction() != OsmTags.Direction.BOTH,
                    way.gradeSeparated(),
                    backward ? to : from,
                    backward ? from : to));
        }
    }

    /**
     * The nodes the road ways use, sorted by id, with how often ways use each (a way's own ends count once more, so
     * that they cut it there) and the coordinates pass 2 fills in.
     */
    private static final class NodeIndex {
        final long[] ids;
        final int[] uses;
        final double[] lon;
        final double[] lat;

        private NodeIndex(long[] ids, int[] uses) {
            this.ids = ids;
            this.uses = uses;
            this.lon = new double[ids.length];
            this.lat = new double[ids.length];
            Arrays.fill(lon, Double.NaN);
            Arrays.fill(lat, Double.NaN);
        }

        static NodeIndex of(WayPass pass) {
            long[] all = new long[Math.toIntExact(pass.nodeRefs)];
            int n = 0;
            for (Way way : pass.ways) {
                System.arraycopy(way.nodes(), 0, all, n, way.nodes().length);
                n += way.nodes().length;
            }
            Arrays.sort(all);
            int distinct = 0;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    distinct++;
                }
            }
            long[] ids = new long[distinct];
            int[] uses = new int[distinct];
            int k = -1;
            for (int i = 0; i < all.length; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    ids[++k] = all[i];
                }
                uses[k]++;
            }
            NodeIndex index = new NodeIndex(ids, uses);
            for (Way way : pass.ways) {
                long[] nodes = way.nodes();
                if (nodes.length > 0) {
                    index.uses[index.position(nodes[0])]++;
                    index.uses[index.position(nodes[nodes.length - 1])]++;
                }
            }
            return index;
        }

        int position(long id) {
            int at = Arrays.binarySearch(ids, id);
            return at < 0 ? -1 : at;
        }

        void put(long id, double longitude, double latitude) {
            int at = position(id);
            if (at >= 0) {
                lon[at] = longitude;
                lat[at] = latitude;
            }
        }
    }

    /** Pass 2: the coordinates of the nodes the road ways use. */
    private static final class NodePass extends Pass {
        private final NodeIndex index;

        NodePass(NodeIndex index) {
            this.index = index;
        }

        @Override
        protected void parseDense(Osmformat.DenseNodes nodes) {
            long id = 0;
            long lat = 0;
            long lon = 0;
            for (int i = 0; i < nodes.getIdCount(); i++) {
                id += nodes.getId(i);
                lat += nodes.getLat(i);
                lon += nodes.getLon(i);
                index.put(id, parseLon(lon), parseLat(lat));
            }
        }

        @Override
        protected void parseNodes(List<Osmformat.Node> nodes) {
            for (Osmformat.Node node : nodes) {
                index.put(node.getId(), parseLon(node.getLon()), parseLat(node.getLat()));
            }
        }
    }

    /** The file is not valid PBF. */
    private static final class InvalidPbf extends RuntimeException {
        InvalidPbf(String message) {
            super(message);
        }
    }
}
