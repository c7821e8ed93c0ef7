package dev.weft.ui.model;

import dev.weft.graph.NodeSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fuzzy node search over display name, class name and category, in the spirit of the frontend's
 * search box: every word of the query must match one of the fields as a subsequence of
 * characters; exact, prefix, word-start and contiguous matches score higher, and display names
 * weigh more than categories. Ties sort by display name.
 */
public final class NodeSearch {
    private static final double DISPLAY_WEIGHT = 1.0;
    private static final double NAME_WEIGHT = 0.9;
    private static final double CATEGORY_WEIGHT = 0.5;

    private final List<NodeSpec> specs;

    public NodeSearch(Collection<NodeSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /** A scored result. */
    public record Match(NodeSpec spec, double score) {
    }

    /**
     * @param query words to match; blank lists every spec that passes the filter, by category then name
     * @param limit most results returned
     */
    public List<NodeSpec> search(String query, SearchFilter filter, int limit) {
        return scored(query, filter, limit).stream().map(Match::spec).toList();
    }

    public List<Match> scored(String query, SearchFilter filter, int limit) {
        String[] words = query.trim().toLowerCase(Locale.ROOT).split("\\s+");
        boolean blank = query.isBlank();
        List<Match> out = new ArrayList<>();
        for (NodeSpec s : specs) {
            if (!filter.matches(s)) {
                continue;
            }
            if (blank) {
                out.add(new Match(s, 0));
                continue;
            }
            double total = 0;
            boolean all = true;
            for (String w : words) {
                double best = Math.max(DISPLAY_WEIGHT * score(w, s.displayName()),
                        Math.max(NAME_WEIGHT * score(w, s.classType()), CATEGORY_WEIGHT * score(w, s.category())));
                if (best <= 0) {
                    all = false;
                    break;
                }
                total += best;
            }
            if (all) {
                out.add(new Match(s, total));
            }
        }
        Comparator<Match> order = blank
                ? Comparator.comparing((Match m) -> m.spec().category()).thenComparing(m -> m.spec().displayName())
                : Comparator.comparingDouble((Match m) -> -m.score()).thenComparing(m -> m.spec().displayName());
        out.sort(order);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /**
     * How well {@code word} (lower case) matches {@code field}: 0 when its letters do not occur in
     * order; otherwise higher for an exact match (100), a prefix (60 + length), a substring
     * (40 + length, more at a word start), and for scattered letters a score that rewards letters
     * at word starts and runs of consecutive letters.
     */
    static double score(String word, String field) {
        if (word.isEmpty()) {
            return 0;
        }
        String f = field.toLowerCase(Locale.ROOT);
        if (f.equals(word)) {
            return 100;
        }
        if (f.startsWith(word)) {
            return 60 + word.length();
        }
        int at = f.indexOf(word);
        if (at > 0) {
            return (wordStart(field, at) ? 50 : 40) + word.length();
        }
        double s = 0;
        int fi = 0;
        int run = 0;
        for (int wi = 0; wi < word.length(); wi++) {
            char c = word.charAt(wi);
            int found = f.indexOf(c, fi);
            if (found < 0) {
                return 0;
            }
            run = found == fi && wi > 0 ? run + 1 : 0;
            s += 1 + run * 2 + (wordStart(field, found) ? 3 : 0) - Math.min(2, (found - fi) * 0.1);
            fi = found + 1;
        }
        return Math.max(0.5, Math.min(39, s));
    }

    /** Start of the text, after a separator, or a capital after a lower-case letter (camel case). */
    private static boolean wordStart(String field, int i) {
        if (i == 0) {
            return true;
        }
        char prev = field.charAt(i - 1);
        char c = field.charAt(i);
        return !Character.isLetterOrDigit(prev) || (Character.isUpperCase(c) && Character.isLowerCase(prev));
    }
}
