package dev.jconcurrency.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough Markdown for the page tests: link targets, the anchors GitHub gives headings, and lesson names.
 * Links and headings inside code (fenced blocks and code spans) are not links or headings, so they are skipped;
 * lesson names are found everywhere, code included, because a page names a class in code as often as in prose.
 */
final class Markdown {

    /** A lesson's class name: {@code Threading_03_NoGil} gives topic {@code Threading}, number {@code 03}. */
    static final Pattern LESSON_NAME = Pattern.compile("\\b([A-Z][a-z]+)_(\\d{2})_([A-Za-z0-9]+)\\b");

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    // [text](target "title") and ![alt](target); the text may hold one level of brackets and may wrap lines.
    private static final Pattern INLINE_LINK =
        Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION =
        Pattern.compile("(?m)^ {0,3}\\[[^\\]]+]:\\s*<?([^\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*$");
    private static final Pattern HTML_LINK = Pattern.compile("<(?:a|img)\\b[^>]*?\\s(?:href|src)=\"([^\"]*)\"");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(?s)(`+)(.+?)\\1");
    private static final Pattern LINK_IN_HEADING = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");

    private Markdown() {
    }

    /** Every link target outside code, in order of appearance: inline links, images, reference definitions, HTML. */
    static List<String> links(String markdown) {
        String prose = String.join("\n", proseLines(markdown));
        // Blank out code spans with spaces, so a link's text may hold code but nothing inside code counts.
        String text = CODE_SPAN.matcher(prose).replaceAll(m -> " ".repeat(m.group().length()));
        List<String> targets = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, HTML_LINK)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                targets.add(matcher.group(1));
            }
        }
        return targets;
    }

    /**
     * The anchors GitHub gives the headings outside code: the heading's text in lower case, anything but letters,
     * digits, spaces, hyphens and underscores dropped, spaces turned into hyphens; a repeated anchor gets
     * {@code -1}, {@code -2}, and so on.
     */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }
        }
        return anchors;
    }

    /** The anchor of one heading's text, as {@link #anchors(String)} describes. */
    static String slug(String heading) {
        String text = LINK_IN_HEADING.matcher(heading).replaceAll("$1");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Every distinct {@code Topic_NN_Name} in the text, code included, in order of first appearance. */
    static Set<String> lessonNames(String markdown) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = LESSON_NAME.matcher(markdown);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** The lines outside fenced code blocks, fences removed. */
    private static List<String> proseLines(String markdown) {
        List<String> prose = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\\R", -1)) {
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.find()) {
                fence = opening.group(1);
            } else if (fence != null && line.strip().startsWith(fence)) {
                fence = null;
            } else if (fence == null) {
                prose.add(line);
            }
        }
        return prose;
    }
}
