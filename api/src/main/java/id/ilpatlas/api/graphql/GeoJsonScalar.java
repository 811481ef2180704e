package id.ilpatlas.api.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code GeoJSON} scalar: a GeoJSON geometry object (RFC 7946) written into responses as a JSON object,
 * never as an escaped string. Input is accepted as a JSON object (variables or literal) whose
 * {@code type} is a GeoJSON geometry type.
 */
public final class GeoJsonScalar {

    private static final Set<String> GEOMETRY_TYPES = Set.of(
            "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection");

    private GeoJsonScalar() {}

    public static GraphQLScalarType create(JsonMapper jsonMapper) {
        return GraphQLScalarType.newScalar()
                .name("GeoJSON")
                .description("A GeoJSON geometry object (RFC 7946), positions [longitude, latitude], EPSG:4326")
                .coercing(new GeoJsonCoercing(jsonMapper))
                .build();
    }

    private record GeoJsonCoercing(JsonMapper jsonMapper) implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof GeoJson geoJson) {
                return parse(geoJson.json());
            }
            if (value instanceof Map<?, ?> map) {
                return map;
            }
            if (value instanceof String text) {
                return parse(text);
            }
            throw new CoercingSerializeException(
                    "GeoJSON cannot be written from a " + value.getClass().getSimpleName());
        }

        private Object parse(String text) {
            try {
                return jsonMapper.readValue(text, Map.class);
            } catch (JacksonException e) {
                throw new CoercingSerializeException("Stored GeoJSON is not valid JSON");
            }
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof Map<?, ?> map
                    && map.get("type") instanceof String type
                    && GEOMETRY_TYPES.contains(type)) {
                return map;
            }
            throw new CoercingParseValueException(
                    "Expected a GeoJSON geometry object with a \"type\" such as \"Polygon\" or \"Point\"");
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (!(input instanceof ObjectValue)) {
                throw new CoercingParseLiteralException("Expected a GeoJSON geometry object literal");
            }
            Object value = literal(input);
            try {
                return parseValue(value, context, locale);
            } catch (CoercingParseValueException e) {
                throw new CoercingParseLiteralException(e.getMessage());
            }
        }

        private static Object literal(Value<?> value) {
            if (value instanceof ObjectValue object) {
                Map<String, Object> map = new LinkedHashMap<>();
                object.getObjectFields().forEach(field -> map.put(field.getName(), literal(field.getValue())));
                return map;
            }
            if (value instanceof ArrayValue array) {
                List<Object> list = new ArrayList<>();
                array.getValues().forEach(item -> list.add(literal(item)));
                return list;
            }
            if (value instanceof FloatValue number) {
                return number.getValue().doubleValue();
            }
            if (value instanceof IntValue number) {
                return number.getValue().doubleValue();
            }
            if (value instanceof StringValue text) {
                return text.getValue();
            }
            if (value instanceof BooleanValue bool) {
                return bool.isValue();
            }
            if (value instanceof NullValue) {
                return null;
            }
            throw new CoercingParseLiteralException("Unsupported value in a GeoJSON literal: " + value);
        }
    }
}
