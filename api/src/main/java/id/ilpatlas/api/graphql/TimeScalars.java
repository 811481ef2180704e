package id.ilpatlas.api.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/** The {@code Date} (ISO-8601 date) and {@code LocalTime} (ISO-8601 time of day) scalars. */
public final class TimeScalars {

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private TimeScalars() {}

    public static GraphQLScalarType date() {
        return scalar(
                "Date",
                "An ISO-8601 calendar date, e.g. 2026-11-24",
                LocalDate.class,
                LocalDate::parse,
                LocalDate::toString,
                "an ISO-8601 date such as 2026-11-24");
    }

    public static GraphQLScalarType localTime() {
        return scalar(
                "LocalTime",
                "An ISO-8601 time of day, e.g. 08:00",
                LocalTime.class,
                LocalTime::parse,
                time -> time.getSecond() == 0 && time.getNano() == 0 ? time.format(HOUR_MINUTE) : time.toString(),
                "an ISO-8601 time of day such as 08:00 or 14:30");
    }

    private static <T> GraphQLScalarType scalar(
            String name,
            String description,
            Class<T> type,
            Function<String, T> parse,
            Function<T, String> format,
            String expected) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new Coercing<T, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (type.isInstance(value)) {
                            return format.apply(type.cast(value));
                        }
                        throw new CoercingSerializeException(name + " cannot be written from "
                                + value.getClass().getSimpleName());
                    }

                    @Override
                    public T parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof String text) {
                            try {
                                return parse.apply(text);
                            } catch (DateTimeParseException e) {
                                throw new CoercingParseValueException("'" + text + "' is not " + expected);
                            }
                        }
                        throw new CoercingParseValueException("Expected " + expected + " as a string");
                    }

                    @Override
                    public T parseLiteral(
                            Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (input instanceof StringValue text) {
                            try {
                                return parse.apply(text.getValue());
                            } catch (DateTimeParseException e) {
                                throw new CoercingParseLiteralException("'" + text.getValue() + "' is not " + expected);
                            }
                        }
                        throw new CoercingParseLiteralException("Expected " + expected + " as a string");
                    }
                })
                .build();
    }
}
