package id.ilpatlas.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container files read as Docker reads them, for the tests that run without a Docker engine: the instructions of
 * the Dockerfile's last stage (the image that runs), and the {@code ${NAME}}, {@code ${NAME:-default}} and
 * {@code ${NAME:?message}} interpolation of {@code docker-compose.yml}.
 */
public final class ContainerFiles {

    /** The project root, seen from the api module's directory (where Maven runs the tests). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([-?])([^}]*))?}");

    private ContainerFiles() {}

    public static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The instructions of a Dockerfile's last stage, continuation lines joined, comments dropped: {keyword, rest}. */
    public static List<String[]> runtimeStage(String dockerfile) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(dockerfile).split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().split("\\s+", 2);
            current.setLength(0);
            if (parts[0].equalsIgnoreCase("FROM")) {
                instructions.clear();
            }
            instructions.add(new String[] {parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""});
        }
        return instructions;
    }

    /** The environment the image sets ({@code ENV K=V ...} of the last stage; unquoted values). */
    public static Map<String, String> dockerfileEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String[] instruction : runtimeStage("Dockerfile")) {
            if (instruction[0].equals("ENV")) {
                for (String pair : instruction[1].split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalStateException("ENV " + instruction[1] + ": write ENV NAME=value");
                    }
                    env.put(pair.substring(0, eq), pair.substring(eq + 1).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return env;
    }

    /** The exec-form arguments of an instruction of the image's stage (ENTRYPOINT, CMD), or an empty list. */
    public static List<String> dockerfileExecForm(String keyword) {
        List<String> found = List.of();
        for (String[] instruction : runtimeStage("Dockerfile")) {
            if (instruction[0].equals(keyword)) {
                if (!instruction[1].startsWith("[")) {
                    throw new IllegalStateException(keyword + " must use the exec form [\"...\"]: " + instruction[1]);
                }
                found = List.of(JsonMapper.builder().build().readValue(instruction[1], String[].class));
            }
        }
        return found;
    }

    /**
     * The Spring profiles the image starts with: a {@code --spring.profiles.active=} in its ENTRYPOINT or CMD (the
     * command line wins), else its {@code ENV SPRING_PROFILES_ACTIVE}; none when neither is set.
     */
    public static List<String> imageProfiles() {
        List<String> arguments = new ArrayList<>(dockerfileExecForm("ENTRYPOINT"));
        arguments.addAll(dockerfileExecForm("CMD"));
        String profiles = dockerfileEnv().get("SPRING_PROFILES_ACTIVE");
        for (String argument : arguments) {
            Matcher m = Pattern.compile("--spring\\.profiles\\.active=(\\S+)").matcher(argument);
            while (m.find()) {
                profiles = m.group(1);
            }
        }
        return profiles == null || profiles.isBlank() ? List.of() : List.of(profiles.split(","));
    }

    /** A compose value with its variables replaced as {@code docker compose} does; {@code :?} throws the message. */
    public static String interpolate(String value, Map<String, String> environment) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = environment.get(m.group(1));
            boolean present = set != null && !set.isEmpty();
            String replacement;
            if (present) {
                replacement = set;
            } else if ("-".equals(m.group(2))) {
                replacement = m.group(3);
            } else if ("?".equals(m.group(2))) {
                throw new IllegalArgumentException(
                        "required variable " + m.group(1) + " is missing a value: " + m.group(3));
            } else {
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
