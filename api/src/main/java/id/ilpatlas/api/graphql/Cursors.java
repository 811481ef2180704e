package id.ilpatlas.api.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: base64url of {@code <kind>:<key>}, so a cursor of one connection is refused by another. */
public final class Cursors {

    private Cursors() {}

    public static String encode(String kind, String key) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key inside a cursor of the given kind.
     *
     * @throws InvalidArgumentException naming {@code argument} when the cursor is not one of ours
     */
    public static String decode(String kind, String cursor, String argument) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(argument, "not a cursor returned by this connection");
        }
        String prefix = kind + ":";
        if (!text.startsWith(prefix) || text.length() == prefix.length()) {
            throw new InvalidArgumentException(argument, "not a cursor returned by this connection");
        }
        return text.substring(prefix.length());
    }
}
