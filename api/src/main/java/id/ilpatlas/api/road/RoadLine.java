package id.ilpatlas.api.road;

import java.util.List;

/**
 * A road line as read from a file, before the graph is built: one GeoJSON feature (its parts) or one piece of an OSM
 * way between two junction nodes.
 *
 * @param featureId      the feature's 1-based number in its file, or the OSM way id of an {@code .osm.pbf}
 * @param partsWkt       the line's parts as 2-D WKT LineStrings in EPSG:4326, in travel order when one-way
 * @param roadClass      the class read from the source
 * @param sourceClass    the source's own words for the class, or null
 * @param name           the road's name, or null
 * @param oneway         vehicles go along the parts' direction only
 * @param gradeSeparated a bridge or tunnel: no junction where it crosses another line without a shared node
 * @param fromNode       OSM node id of the first position ({@code .osm.pbf} only), else null
 * @param toNode         OSM node id of the last position ({@code .osm.pbf} only), else null
 */
record RoadLine(
        long featureId,
        List<String> partsWkt,
        RoadClass roadClass,
        String sourceClass,
        String name,
        boolean oneway,
        boolean gradeSeparated,
        Long fromNode,
        Long toNode) {}
