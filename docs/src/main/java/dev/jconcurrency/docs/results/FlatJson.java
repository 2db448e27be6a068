package dev.jconcurrency.docs.results;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the one line of JSON each Python script prints: a flat object whose values are strings, numbers or
 * arrays of numbers. That is all the scripts write, so a few dozen lines replace a JSON library.
 */
final class FlatJson {

    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * Parses {@code line}.
     *
     * @param line e.g. {@code {"script": "x", "seconds": 1.5, "workers": [1, 2]}}
     * @return the members in order: {@link String}, {@link BigDecimal} or {@code List<BigDecimal>} values
     * @throws IllegalArgumentException naming the position, if the line is not such an object
     */
    static Map<String, Object> parse(String line) {
        Objects.requireNonNull(line, "line");
        FlatJson parser = new FlatJson(line.strip());
        Map<String, Object> members = parser.object();
        parser.skipSpace();
        if (parser.at != parser.text.length()) {
            throw parser.error("text after the object");
        }
        return members;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return members;
        }
        do {
            skipSpace();
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (members.put(name, value()) != null) {
                throw error("member '" + name + "' twice");
            }
            skipSpace();
        } while (consume(','));
        expect('}');
        return members;
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            at++;
            List<BigDecimal> numbers = new ArrayList<>();
            skipSpace();
            if (consume(']')) {
                return List.of();
            }
            do {
                skipSpace();
                numbers.add(number());
                skipSpace();
            } while (consume(','));
            expect(']');
            return List.copyOf(numbers);
        }
        return number();
    }

    private BigDecimal number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return new BigDecimal(text.substring(start, at));
        } catch (NumberFormatException e) {
            at = start;
            throw error("a string, a number or an array of numbers expected");
        }
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw error("unknown escape \\" + escaped);
                }
            } else {
                value.append(c);
            }
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("line must be a flat JSON object: " + what + " at column " + (at + 1)
            + " of " + text);
    }
}
