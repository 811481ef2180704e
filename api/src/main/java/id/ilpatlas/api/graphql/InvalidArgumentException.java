package id.ilpatlas.api.graphql;

/**
 * A client sent an argument the API cannot use. Reported as a GraphQL error of type BAD_REQUEST whose message
 * starts with the argument's name and whose extensions carry {@code argument}.
 */
public class InvalidArgumentException extends RuntimeException {

    private final String argument;

    public InvalidArgumentException(String argument, String reason) {
        super("Argument '" + argument + "': " + reason);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
